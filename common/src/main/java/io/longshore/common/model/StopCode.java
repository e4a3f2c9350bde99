package io.longshore.common.model;

/** Why a task stopped, in ECS's vocabulary. */
public enum StopCode {
    TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated,
    SpotInterruption, TerminationNotice
}
