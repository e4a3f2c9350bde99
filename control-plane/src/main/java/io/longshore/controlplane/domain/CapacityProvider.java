package io.longshore.controlplane.domain;

import io.longshore.common.messaging.CapacityProviderSpec;
import java.time.Instant;

/**
 * An ECS capacity provider on an auto scaling group, with its managed scaling and the cluster it is
 * associated with. Immutable.
 *
 * @param cluster      the cluster PutClusterCapacityProviders associated it with (null: none)
 * @param updateStatus ECS's updateStatus after an update or deletion (null before either)
 */
public record CapacityProvider(
        String name,
        String arn,
        String status,
        String autoScalingGroupName,
        String autoScalingGroupArn,
        ManagedScaling managedScaling,
        String managedTerminationProtection,
        String cluster,
        String updateStatus,
        Instant createdAt,
        Instant updatedAt) {
    public static final String ACTIVE = CapacityProviderSpec.ACTIVE;
    public static final String INACTIVE = CapacityProviderSpec.INACTIVE;
    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";
    public static final String UPDATE_COMPLETE = "UPDATE_COMPLETE";
    public static final String DELETE_COMPLETE = "DELETE_COMPLETE";

    /** ECS's managed scaling, defaults applied; the member names are ECS's. */
    public record ManagedScaling(String status, int targetCapacity, int minimumScalingStepSize,
                                 int maximumScalingStepSize, int instanceWarmupPeriod) {
        public static final ManagedScaling DEFAULTS = new ManagedScaling(ENABLED, 100, 1, 10000, 300);
    }

    public static CapacityProvider create(String name, AutoScalingGroup group, ManagedScaling managedScaling,
                                          String managedTerminationProtection, Instant now) {
        return new CapacityProvider(name, CapacityProviderArns.capacityProvider(name), ACTIVE, group.name(),
                group.arn(), managedScaling, managedTerminationProtection, null, null, now, now);
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    /** UpdateCapacityProvider, with the new settings already checked. */
    public CapacityProvider updated(ManagedScaling scaling, String terminationProtection, Instant now) {
        return new CapacityProvider(name, arn, status, autoScalingGroupName, autoScalingGroupArn, scaling,
                terminationProtection, cluster, UPDATE_COMPLETE, createdAt, now);
    }

    /** Associated with a cluster (PutClusterCapacityProviders), or with none (null). */
    public CapacityProvider associatedWith(String newCluster, Instant now) {
        return new CapacityProvider(name, arn, status, autoScalingGroupName, autoScalingGroupArn, managedScaling,
                managedTerminationProtection, newCluster, updateStatus, createdAt, now);
    }

    /** DeleteCapacityProvider: INACTIVE; the autoscaler leaves its hosts alone from then on. */
    public CapacityProvider deleted(Instant now) {
        return new CapacityProvider(name, arn, INACTIVE, autoScalingGroupName, autoScalingGroupArn, managedScaling,
                managedTerminationProtection, null, DELETE_COMPLETE, createdAt, now);
    }

    /** The whole spec the autoscaler sizes the group from. */
    public CapacityProviderSpec spec(AutoScalingGroup group, Instant now) {
        return new CapacityProviderSpec(name, arn, status, cluster, group.spec(),
                new CapacityProviderSpec.ManagedScaling(ENABLED.equals(managedScaling.status()),
                        managedScaling.targetCapacity(), managedScaling.minimumScalingStepSize(),
                        managedScaling.maximumScalingStepSize(), managedScaling.instanceWarmupPeriod()),
                ENABLED.equals(managedTerminationProtection), now);
    }
}
