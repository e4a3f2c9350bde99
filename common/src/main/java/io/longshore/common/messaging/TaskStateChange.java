package io.longshore.common.messaging;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * A task's state as last reported, on the compacted {@link Topics#TASK_STATE}, keyed
 * {@code <cluster>/<taskId>}. The scheduler reports placement (PENDING, with the allocation) or
 * failure to place (STOPPED); the agent reports everything after. Each report is complete (it
 * carries the allocation), so the latest one per key is enough to rebuild a view of the cluster.
 *
 * @param reporter     who reported it: {@code scheduler} or {@code agent/<containerInstanceId>}
 * @param startedBy    the task's startedBy, on every report (a service's tasks: {@code ecs-svc/<deploymentId>}),
 *                     so that the latest report alone says which deployment a task belongs to
 * @param healthStatus the task's health from its containers' health checks (agent reports; null before)
 * @param task         the task's whole spec, only on the scheduler's first report of a task it created
 *                     itself (a service's task), from which the control plane records the task, and on
 *                     a PROVISIONING report (with the constraints it waits under), from which a
 *                     restarted scheduler rebuilds its waiting tasks
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
        String reporter,
        String startedBy,
        HealthStatus healthStatus,
        TaskSpec task) {
    public static final int SCHEMA_VERSION = 1;

    /** A report of a task that is not a service's and has no health check. */
    public TaskStateChange(String cluster, String taskId, TaskStatus lastStatus, Allocation allocation,
                           List<ContainerState> containers, StopCode stopCode, String stoppedReason,
                           Instant startedAt, Instant stoppingAt, Instant stoppedAt, Instant reportedAt,
                           String reporter) {
        this(cluster, taskId, lastStatus, allocation, containers, stopCode, stoppedReason, startedAt, stoppingAt,
                stoppedAt, reportedAt, reporter, null, null, null);
    }

    public TaskStateChange(String cluster, String taskId, TaskStatus lastStatus, Allocation allocation,
                           List<ContainerState> containers, StopCode stopCode, String stoppedReason,
                           Instant startedAt, Instant stoppingAt, Instant stoppedAt, Instant reportedAt,
                           String reporter, String startedBy, HealthStatus healthStatus, TaskSpec task) {
        this(SCHEMA_VERSION, cluster, taskId, lastStatus, allocation, containers, stopCode, stoppedReason,
                startedAt, stoppingAt, stoppedAt, reportedAt, reporter, startedBy, healthStatus, task);
    }

    public String key() {
        return MessageKeys.of(cluster, taskId);
    }
}
