package io.longshore.outbox;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Runs the outbox relay every second, for records no request-triggered run published (a crash,
 * a broker outage). Separate from the relay so that the scheduler, which may fire before messaging
 * has wired the relay's emitter, never creates the relay early.
 */
@ApplicationScoped
public class OutboxSweeper {
    private final OutboxRelay relay;
    private volatile boolean started;

    public OutboxSweeper(OutboxRelay relay) {
        this.relay = relay;
    }

    // Observed after the messaging extension has connected its channels (a later priority).
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${longshore.outbox.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (started) {
            relay.trigger();
        }
    }
}
