package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.service.EventDeliveryService;
import io.longshore.controlplane.service.TaskService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies task state reports (scheduler and agents) to the tasks table; the scheduler's first report
 * of a service's task, which carries the task's spec, creates it. Reports come in batches (one per
 * poll) applied in one transaction, so the table keeps up with thousands of reports a second. A
 * database hiccup retries the batch (applying is idempotent); a record that cannot be read goes to
 * the dead-letter topic and the rest of its batch is applied.
 */
@ApplicationScoped
public class TaskStateConsumer {
    private static final Logger LOG = Logger.getLogger(TaskStateConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

    private final TaskService tasks;
    private final EventDeliveryService deliveries;
    private final Outbox outbox;

    public TaskStateConsumer(TaskService tasks, EventDeliveryService deliveries, Outbox outbox) {
        this.tasks = tasks;
        this.deliveries = deliveries;
        this.outbox = outbox;
    }

    @Incoming("task-state")
    public Uni<Void> onTaskStates(ConsumerRecords<String, String> records) {
        Map<TaskStateChange, ConsumerRecord<String, String>> reports = new LinkedHashMap<>();
        List<ConsumerRecord<String, String>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                reports.put(read(record.value()), record);
            } catch (RuntimeException e) {
                LOG.errorf("unreadable task state record, sent to %s: %s", Topics.DEAD_LETTER, e.getMessage());
                unreadable.add(record);
            }
        }
        List<String> stopped = reports.keySet().stream().filter(r -> r.lastStatus() == TaskStatus.STOPPED)
                .map(TaskStateChange::taskId).distinct().toList();
        return outbox.applyOrDeadLetter(reports, this::apply)
                // Also when a report was applied before (a redelivery): settling is idempotent, so a
                // crash between the two steps loses nothing.
                .flatMap(v -> deliveries.onTasksStopped(stopped)
                        .onFailure().retry().withBackOff(RETRY_BACKOFF).atMost(3))
                .flatMap(v -> outbox.deadLetter(unreadable));
    }

    private Uni<Void> apply(List<TaskStateChange> reports) {
        return tasks.applyReports(reports)
                .onFailure().retry().withBackOff(RETRY_BACKOFF).atMost(3)
                .replaceWithVoid();
    }

    static TaskStateChange read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("task state record without a value");
        }
        TaskStateChange report = Json.read(payload, TaskStateChange.class);
        if (report.taskId() == null || report.lastStatus() == null) {
            throw new IllegalArgumentException("task state record without taskId or lastStatus");
        }
        TaskSpec task = report.task();
        if (task != null && (task.taskDefinitionArn() == null || task.family() == null || task.containers() == null
                || task.containers().isEmpty())) {
            throw new IllegalArgumentException("task state record of " + report.taskId()
                    + " with a task spec without taskDefinitionArn, family or containers");
        }
        return report;
    }
}
