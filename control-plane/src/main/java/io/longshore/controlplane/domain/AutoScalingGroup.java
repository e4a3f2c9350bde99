package io.longshore.controlplane.domain;

import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.CapacityProviderSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An auto scaling group of hosts: the sizes the user set (and managed scaling moves), what each host
 * offers, and the hosts the autoscaler last said it has. Immutable.
 *
 * @param instances the host ids of the autoscaler's last {@link CapacityDecision.GroupStatus}
 * @param statusAt  that status's time (null before one)
 */
public record AutoScalingGroup(
        String name,
        String arn,
        int minSize,
        int maxSize,
        int desiredCapacity,
        int instanceCpu,
        int instanceMemory,
        Map<String, String> attributes,
        String provisioner,
        List<String> instances,
        Instant statusAt,
        Instant createdAt,
        Instant updatedAt) {
    public static final String DOCKER = "docker";
    public static final String PROCESS = "process";

    public AutoScalingGroup {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** A new group (the request checked, defaults applied), without hosts yet. */
    public static AutoScalingGroup create(CreateAutoScalingGroup r, String arn, Instant now) {
        return new AutoScalingGroup(r.autoScalingGroupName(), arn, r.minSize(), r.maxSize(), r.desiredCapacity(),
                r.instanceType().cpu(), r.instanceType().memory(), r.attributes(), r.provisioner(), List.of(), null,
                now, now);
    }

    /** UpdateAutoScalingGroup with the sizes already checked. */
    public AutoScalingGroup resized(int min, int max, int desired, Instant now) {
        return new AutoScalingGroup(name, arn, min, max, desired, instanceCpu, instanceMemory, attributes,
                provisioner, instances, statusAt, createdAt, now);
    }

    /**
     * The group as the autoscaler reports it after a round: its desired capacity and hosts. Empty when
     * the report is older than the one applied (read late or again).
     */
    public Optional<AutoScalingGroup> withStatus(CapacityDecision.GroupStatus status) {
        Instant at = status.at();
        if (statusAt != null && at != null && !at.isAfter(statusAt)) {
            return Optional.empty();
        }
        return Optional.of(new AutoScalingGroup(name, arn, minSize, maxSize, status.desiredCapacity(), instanceCpu,
                instanceMemory, attributes, provisioner, status.hostIds(), at != null ? at : statusAt, createdAt,
                updatedAt));
    }

    /** The group's part of the capacity provider's published spec. */
    public CapacityProviderSpec.AutoScalingGroup spec() {
        return new CapacityProviderSpec.AutoScalingGroup(name, arn, minSize, maxSize, desiredCapacity, instanceCpu,
                instanceMemory, attributes, provisioner);
    }
}
