package io.longshore.common.messaging;

import java.util.Optional;

/**
 * How the scheduler tells the control plane it could not place a task: a STOPPED
 * {@link TaskStateChange} (stopCode TaskFailedToStart) whose stoppedReason is
 * {@code "Unable to place task: <reason>"}, where reason is ECS's failure reason
 * ({@code RESOURCE:MEMORY}, {@code RESOURCE:CPU}, {@code RESOURCE:PORTS}, ...). The control plane
 * turns the reason into a RunTask {@code failures[]} entry.
 */
public final class PlacementFailures {
    public static final String PREFIX = "Unable to place task: ";

    private PlacementFailures() {
    }

    public static String stoppedReason(String reason) {
        return PREFIX + reason;
    }

    public static Optional<String> reasonOf(String stoppedReason) {
        return stoppedReason != null && stoppedReason.startsWith(PREFIX)
                ? Optional.of(stoppedReason.substring(PREFIX.length()))
                : Optional.empty();
    }
}
