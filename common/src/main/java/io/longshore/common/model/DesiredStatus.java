package io.longshore.common.model;

/** A task's {@code desiredStatus}: ECS only ever wants a task running or stopped. */
public enum DesiredStatus {
    RUNNING, STOPPED
}
