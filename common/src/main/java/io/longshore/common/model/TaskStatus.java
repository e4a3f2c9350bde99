package io.longshore.common.model;

/**
 * A task's {@code lastStatus}, in lifecycle order. Transitions only move forward, which is what
 * makes applying a redelivered or late state report harmless.
 */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

    public boolean isAfter(TaskStatus other) {
        return compareTo(other) > 0;
    }

    public boolean isStopped() {
        return this == STOPPED;
    }

    /** Whether a task in this status still holds resources on its container instance. */
    public boolean holdsResources() {
        return this != PROVISIONING && this != STOPPED;
    }
}
