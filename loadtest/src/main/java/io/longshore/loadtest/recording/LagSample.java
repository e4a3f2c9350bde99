package io.longshore.loadtest.recording;

import java.time.Instant;

/**
 * The scheduler's backlog at one moment: its consumer-group lag on the cluster's task-requests
 * partition (-1 when unknown) and the age of the oldest accepted task not yet placed.
 */
public record LagSample(Instant time, long requestLag, long oldestUnplacedMillis) {
}
