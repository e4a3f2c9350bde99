package io.longshore.controlplane.domain;

import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerDefinition;
import java.time.Instant;
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
        Instant deregisteredAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    public String arn() {
        return Arns.taskDefinition(family, revision);
    }

    public String familyRevision() {
        return family + ":" + revision;
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
