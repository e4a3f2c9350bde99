package io.longshore.agent.messaging;

import io.longshore.agent.task.StateReporter;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskStateChange;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes task state reports to {@code longshore.task-state} and waits for the broker's
 * acknowledgement (acks=all, idempotent producer), retrying with back-off: the supervisor deletes
 * its record of a task only after the final report is safe, so a report is never silently lost.
 */
@ApplicationScoped
public class KafkaStateReporter implements StateReporter {
    private static final Logger LOG = Logger.getLogger(KafkaStateReporter.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final MutinyEmitter<String> taskState;
    private volatile boolean stopping;

    public KafkaStateReporter(@Channel("task-state") MutinyEmitter<String> taskState) {
        this.taskState = taskState;
    }

    @Override
    public void report(TaskStateChange change) {
        String payload = Json.write(change);
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                taskState.sendMessage(KafkaMessages.keyed(change.key(), payload)).await().atMost(ACK_TIMEOUT);
                LOG.debugf("reported task %s %s", change.taskId(), change.lastStatus());
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new IllegalStateException("agent stopping: the " + change.lastStatus() + " report of task "
                            + change.taskId() + " was not delivered; it is redone at the next start", e);
                }
                LOG.warnf("cannot deliver the %s report of task %s (retrying in %d ms): %s", change.lastStatus(),
                        change.taskId(), backoff.toMillis(), e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff.toMillis()));
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
    }
}
