package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;

/**
 * An order from the scheduler to one agent, on {@link Topics#AGENT_COMMANDS}, keyed
 * {@code <cluster>/<containerInstanceId>}. Agents apply commands idempotently by task id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentCommand.StartTask.class, name = "StartTask"),
        @JsonSubTypes.Type(value = AgentCommand.StopTask.class, name = "StopTask")
})
public sealed interface AgentCommand {
    int SCHEMA_VERSION = 1;

    String cluster();

    String containerInstanceId();

    String taskId();

    record StartTask(int schemaVersion, String cluster, String containerInstanceId, TaskSpec task,
                     Allocation allocation) implements AgentCommand {
        public StartTask(String cluster, String containerInstanceId, TaskSpec task, Allocation allocation) {
            this(SCHEMA_VERSION, cluster, containerInstanceId, task, allocation);
        }

        @Override
        public String taskId() {
            return task.taskId();
        }
    }

    record StopTask(int schemaVersion, String cluster, String containerInstanceId, String taskId,
                    StopCode stopCode, String reason) implements AgentCommand {
        public StopTask(String cluster, String containerInstanceId, String taskId, StopCode stopCode, String reason) {
            this(SCHEMA_VERSION, cluster, containerInstanceId, taskId, stopCode, reason);
        }
    }
}
