package io.longshore.loadtest.recording;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import java.time.Instant;
import java.util.List;

/**
 * A task the API accepted from a RunTask call of ours.
 *
 * @param sentAt    when the client sent the call
 * @param createdAt the answer's createdAt (null if it gave none)
 * @param phase     the scenario's RunTask phase
 */
public record AcceptedTask(String taskId, Instant sentAt, Instant createdAt, String phase,
                           List<PlacementConstraint> placementConstraints) {
    /** The accepted time latencies start from: the server's createdAt, else the send time. */
    public Instant acceptedAt() {
        return createdAt != null ? createdAt : sentAt;
    }
}
