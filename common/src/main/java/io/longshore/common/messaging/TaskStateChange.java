package io.longshore.common.messaging;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * A task's state as last reported, on the compacted {@link Topics#TASK_STATE}, keyed
 * {@code <cluster>/<taskId>}. The scheduler reports placement (PENDING, with the allocation) or
 * failure to place (STOPPED); the agent reports everything after. Each report is complete (it
 * carries the allocation), so the latest one per key is enough to rebuild a view of the cluster.
 *
 * @param reporter who reported it: {@code scheduler} or {@code agent/<containerInstanceId>}
 */
public record TaskStateChange(
        int schemaVersion,
        String cluster,
        String taskId,
        TaskStatus lastStatus,
        Allocation allocation,
        List<ContainerState> containers,
        StopCode stopCode,
        String stoppedReason,
        Instant startedAt,
        Instant stoppingAt,
        Instant stoppedAt,
        Instant reportedAt,
        String reporter) {
    public static final int SCHEMA_VERSION = 1;

    public TaskStateChange(String cluster, String taskId, TaskStatus lastStatus, Allocation allocation,
                           List<ContainerState> containers, StopCode stopCode, String stoppedReason,
                           Instant startedAt, Instant stoppingAt, Instant stoppedAt, Instant reportedAt,
                           String reporter) {
        this(SCHEMA_VERSION, cluster, taskId, lastStatus, allocation, containers, stopCode, stoppedReason,
                startedAt, stoppingAt, stoppedAt, reportedAt, reporter);
    }

    public String key() {
        return MessageKeys.of(cluster, taskId);
    }
}
