package io.longshore.controlplane.api;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.TaskSpec;
import io.longshore.controlplane.service.RunTaskResult;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.TaskEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Task response shapes (RunTask's request is {@link io.longshore.controlplane.domain.RunTask}). */
public final class TaskDtos {
    private TaskDtos() {
    }

    public record StopTaskRequest(String reason) {
    }

    /** {@code healthStatus} is UNKNOWN until the agent reports one (and always without a health check), as in ECS. */
    public record Container(String taskArn, String name, String image, String lastStatus, Integer exitCode,
                            String reason, String runtimeId, List<NetworkBinding> networkBindings, Integer cpu,
                            Integer memory, Integer memoryReservation, Boolean essential, String healthStatus) {
    }

    /**
     * Task-level cpu and memory are strings, as in ECS. {@code healthStatus} is the agent's verdict
     * from the containers' health checks, UNKNOWN until it gives one.
     */
    public record Task(String taskArn, String clusterArn, String taskDefinitionArn, String containerInstanceArn,
                       String lastStatus, String desiredStatus, String healthStatus, String cpu, String memory,
                       String group, String startedBy, List<Container> containers, Instant createdAt,
                       Instant startedAt, Instant stoppingAt, Instant stoppedAt, String stopCode,
                       String stoppedReason, long version, String capacityProviderName) {

        static Task of(TaskEntity t) {
            String taskArn = Arns.task(t.cluster, t.id);
            return new Task(taskArn, Arns.cluster(t.cluster), t.taskDefinitionArn,
                    t.containerInstanceId == null ? null : Arns.containerInstance(t.cluster, t.containerInstanceId),
                    t.lastStatus, t.desiredStatus,
                    t.healthStatus == null ? HealthStatus.UNKNOWN.name() : t.healthStatus,
                    Integer.toString(t.cpu), Integer.toString(t.memory), t.groupName, t.startedBy,
                    containers(t, taskArn), t.createdAt, t.startedAt, t.stoppingAt, t.stoppedAt,
                    t.stopCode, t.stoppedReason, t.version, t.capacityProviderName);
        }

        /** The definition's containers, each with its last reported state (the task's status until one is reported). */
        private static List<Container> containers(TaskEntity t, String taskArn) {
            TaskSpec spec = JsonColumns.taskSpec(t.spec);
            Map<String, ContainerState> reported = JsonColumns.containerStates(t.containers).stream()
                    .collect(Collectors.toMap(ContainerState::name, Function.identity(), (a, b) -> b));
            Allocation allocation = JsonColumns.allocation(t.allocation);
            return spec.containers().stream().map(c -> {
                ContainerState s = reported.get(c.name());
                return container(taskArn, c, s, t.lastStatus, allocation);
            }).toList();
        }

        private static Container container(String taskArn, ContainerDefinition c, ContainerState s, String taskStatus,
                                           Allocation allocation) {
            return new Container(taskArn, c.name(), c.image(),
                    s != null && s.lastStatus() != null ? s.lastStatus().name() : taskStatus,
                    s == null ? null : s.exitCode(), s == null ? null : s.reason(), s == null ? null : s.runtimeId(),
                    s == null || s.networkBindings() == null ? List.of() : s.networkBindings(),
                    c.cpu(), c.memory(), c.memoryReservation(), c.isEssential(),
                    s == null || s.healthStatus() == null ? HealthStatus.UNKNOWN.name() : s.healthStatus().name());
        }
    }

    public record TaskResponse(Task task) {
    }

    public record TasksResponse(List<Task> tasks) {
    }

    public record Failure(String arn, String reason, String detail) {
        static Failure of(RunTaskResult.Failure f) {
            return new Failure(f.arn(), f.reason(), f.detail());
        }
    }

    public record RunTaskResponse(List<Task> tasks, List<Failure> failures) {
        static RunTaskResponse of(RunTaskResult result) {
            return new RunTaskResponse(result.tasks().stream().map(Task::of).toList(),
                    result.failures().stream().map(Failure::of).toList());
        }
    }
}
