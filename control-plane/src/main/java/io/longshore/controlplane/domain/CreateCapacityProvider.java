package io.longshore.controlplane.domain;

/** ECS's CreateCapacityProvider request, with its auto scaling group provider. */
public record CreateCapacityProvider(String name, AutoScalingGroupProvider autoScalingGroupProvider) {

    /**
     * @param autoScalingGroupArn the group's ARN or its name
     * @param managedTerminationProtection ENABLED (default) or DISABLED
     */
    public record AutoScalingGroupProvider(String autoScalingGroupArn, ManagedScaling managedScaling,
                                           String managedTerminationProtection) {
    }

    /** ECS's managed scaling; absent members take ECS's defaults (on create) or stay (on update). */
    public record ManagedScaling(String status, Integer targetCapacity, Integer minimumScalingStepSize,
                                 Integer maximumScalingStepSize, Integer instanceWarmupPeriod) {
    }
}
