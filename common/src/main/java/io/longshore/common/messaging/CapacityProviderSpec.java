package io.longshore.common.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * A capacity provider with its auto scaling group, as the control plane last recorded it, on the
 * compacted {@link Topics#CAPACITY_PROVIDERS}, keyed {@code <providerName>/<providerName>} (capacity
 * providers belong to the account, not to a cluster). Every change (created, associated with a
 * cluster or no longer, the group's sizes changed, deleted) publishes the whole spec again. The
 * autoscaler keeps the group's hosts between minSize and maxSize and, with managed scaling, at the
 * target reservation.
 *
 * @param status  {@link #ACTIVE}, or {@link #INACTIVE} once deleted (the autoscaler then leaves its hosts alone)
 * @param cluster the cluster the provider is associated with (PutClusterCapacityProviders); null: none,
 *                and then no host is started for it
 */
public record CapacityProviderSpec(
        int schemaVersion,
        String name,
        String capacityProviderArn,
        String status,
        String cluster,
        AutoScalingGroup autoScalingGroup,
        ManagedScaling managedScaling,
        boolean managedTerminationProtection,
        Instant updatedAt) {
    public static final int SCHEMA_VERSION = 1;
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    public CapacityProviderSpec(String name, String capacityProviderArn, String status, String cluster,
                                AutoScalingGroup autoScalingGroup, ManagedScaling managedScaling,
                                boolean managedTerminationProtection, Instant updatedAt) {
        this(SCHEMA_VERSION, name, capacityProviderArn, status, cluster, autoScalingGroup, managedScaling,
                managedTerminationProtection, updatedAt);
    }

    public String key() {
        return MessageKeys.of(name, name);
    }

    /**
     * The group of hosts behind the provider.
     *
     * @param instanceCpu    CPU units each host offers (its "instance type")
     * @param instanceMemory MiB each host offers
     * @param attributes     custom attributes every host registers with
     * @param provisioner    how hosts are started: {@code docker} (an agent container on the local engine)
     *                       or {@code process} (an agent process)
     */
    public record AutoScalingGroup(String name, String arn, int minSize, int maxSize, int desiredCapacity,
                                   int instanceCpu, int instanceMemory, Map<String, String> attributes,
                                   String provisioner) {
    }

    /**
     * ECS's managed scaling. {@code enabled} false: the group stays at its desired capacity.
     *
     * @param instanceWarmupPeriod seconds after a host starts during which no further host is added
     */
    public record ManagedScaling(boolean enabled, int targetCapacity, int minimumScalingStepSize,
                                 int maximumScalingStepSize, int instanceWarmupPeriod) {
    }
}
