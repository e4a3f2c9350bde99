package io.longshore.controlplane.api;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.controlplane.domain.TaskDefinition;
import java.time.Instant;
import java.util.List;

/** Task definition response shapes (the request is {@link io.longshore.controlplane.domain.RegisterTaskDefinition}). */
public final class TaskDefinitionDtos {
    private TaskDefinitionDtos() {
    }

    /** Task-level cpu and memory are strings, as in ECS. */
    public record TaskDefinitionView(String taskDefinitionArn, String family, int revision, String status,
                                     List<ContainerDefinition> containerDefinitions, String cpu, String memory,
                                     String networkMode, List<PlacementConstraint> placementConstraints,
                                     Instant registeredAt, Instant deregisteredAt) {
        static TaskDefinitionView of(TaskDefinition d) {
            return new TaskDefinitionView(d.arn(), d.family(), d.revision(), d.status(), d.containerDefinitions(),
                    d.cpu() == null ? null : d.cpu().toString(), d.memory() == null ? null : d.memory().toString(),
                    d.networkMode(), d.placementConstraints(), d.registeredAt(), d.deregisteredAt());
        }
    }

    public record TaskDefinitionResponse(TaskDefinitionView taskDefinition) {
    }

    public record TaskDefinitionArnsResponse(List<String> taskDefinitionArns) {
    }
}
