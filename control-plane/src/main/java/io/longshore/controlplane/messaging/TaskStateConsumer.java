package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.service.EventDeliveryService;
import io.longshore.controlplane.service.TaskService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies task state reports (scheduler and agents) to the tasks table; the scheduler's first report
 * of a service's task, which carries the task's spec, creates it. A record that cannot be read fails
 * and goes to the dead-letter topic; a database hiccup is retried a few times first.
 */
@ApplicationScoped
public class TaskStateConsumer {
    private final TaskService tasks;
    private final EventDeliveryService deliveries;

    public TaskStateConsumer(TaskService tasks, EventDeliveryService deliveries) {
        this.tasks = tasks;
        this.deliveries = deliveries;
    }

    @Incoming("task-state")
    public Uni<Void> onTaskState(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(report -> tasks.applyReport(report)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                        // Also when the report was applied before (a redelivery): settling is idempotent,
                        // so a crash between the two steps loses nothing.
                        .flatMap(applied -> report.lastStatus() != TaskStatus.STOPPED ? Uni.createFrom().voidItem()
                                : deliveries.onTaskStopped(report.taskId())
                                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)))
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
