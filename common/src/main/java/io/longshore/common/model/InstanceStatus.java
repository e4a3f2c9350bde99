package io.longshore.common.model;

/** A container instance's {@code status}, as ECS names it. */
public enum InstanceStatus {
    REGISTERING, ACTIVE, DRAINING, DEREGISTERING, INACTIVE
}
