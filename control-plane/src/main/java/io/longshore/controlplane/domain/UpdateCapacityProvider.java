package io.longshore.controlplane.domain;

/**
 * ECS's UpdateCapacityProvider request (the name comes from the path): managed scaling and managed
 * termination protection; the group cannot change.
 */
public record UpdateCapacityProvider(CreateCapacityProvider.AutoScalingGroupProvider autoScalingGroupProvider) {
}
