package io.longshore.loadtest.recording;

import io.longshore.common.messaging.TaskStateChange;
import java.time.Instant;

/**
 * One task-state report of the run's cluster, with its offset on the cluster's partition (the
 * system's order) and when it happened (the report's reportedAt, else the record's timestamp).
 */
public record TaskEvent(long offset, Instant time, TaskStateChange change) {
}
