package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A registered, immutable task definition revision. */
public record TaskDefinition(
        String family,
        int revision,
        String status,
        List<ContainerDefinition> containerDefinitions,
        Integer cpu,
        Integer memory,
        String networkMode,
        Instant registeredAt,
        Instant deregisteredAt,
        List<PlacementConstraint> placementConstraints) {
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    public TaskDefinition {
        placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
    }

    /** A definition without placement constraints. */
    public TaskDefinition(String family, int revision, String status, List<ContainerDefinition> containerDefinitions,
                          Integer cpu, Integer memory, String networkMode, Instant registeredAt,
                          Instant deregisteredAt) {
        this(family, revision, status, containerDefinitions, cpu, memory, networkMode, registeredAt, deregisteredAt,
                List.of());
    }

    public String arn() {
        return Arns.taskDefinition(family, revision);
    }

    public String familyRevision() {
        return family + ":" + revision;
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    /**
     * The constraints tasks of this definition are placed under when a request (RunTask,
     * CreateService) adds its own: this definition's, then the request's; all of them apply.
     */
    public List<PlacementConstraint> constraintsWith(List<PlacementConstraint> fromRequest) {
        List<PlacementConstraint> merged = new ArrayList<>(placementConstraints);
        if (fromRequest != null) {
            merged.addAll(fromRequest);
        }
        return List.copyOf(merged);
    }
}
