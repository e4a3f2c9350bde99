package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import java.util.List;

/**
 * An intent from the control plane to the scheduler, on {@link Topics#TASK_REQUESTS}, keyed
 * {@code <cluster>/<taskId or requestId>}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskRequest.PlaceTasks.class, name = "PlaceTasks"),
        @JsonSubTypes.Type(value = TaskRequest.StopTask.class, name = "StopTask")
})
public sealed interface TaskRequest {
    int SCHEMA_VERSION = 1;

    String cluster();

    /** Place these tasks (one RunTask call). Redelivery is harmless: tasks already placed are skipped. */
    record PlaceTasks(int schemaVersion, String cluster, String requestId, List<TaskSpec> tasks,
                      List<PlacementConstraint> placementConstraints,
                      List<PlacementStrategy> placementStrategy) implements TaskRequest {
        public PlaceTasks(String cluster, String requestId, List<TaskSpec> tasks,
                          List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy) {
            this(SCHEMA_VERSION, cluster, requestId, tasks, placementConstraints, placementStrategy);
        }
    }

    /** Stop a task, wherever it is: not yet placed, or running on an instance. */
    record StopTask(int schemaVersion, String cluster, String taskId, StopCode stopCode, String reason)
            implements TaskRequest {
        public StopTask(String cluster, String taskId, StopCode stopCode, String reason) {
            this(SCHEMA_VERSION, cluster, taskId, stopCode, reason);
        }
    }

    /** ECS's placement constraint: {@code distinctInstance} or {@code memberOf} with an expression. */
    record PlacementConstraint(String type, String expression) {
    }

    /** ECS's placement strategy: {@code binpack}, {@code spread} or {@code random} with a field. */
    record PlacementStrategy(String type, String field) {
    }
}
