package io.longshore.common.messaging;

import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.SuspendedState;
import java.time.Instant;
import java.util.List;

/**
 * A service's scalable target with its policies and scheduled actions, as the control plane last
 * recorded it, on the compacted {@link Topics#SCALING_TARGETS}, keyed {@code <cluster>/<serviceName>}.
 * Every change (register, a policy or scheduled action put or deleted, a scheduled action's new
 * min/max applied) publishes the whole target again; deregistering publishes it with status
 * {@link #DEREGISTERED} and no policies.
 *
 * @param resourceId the target's ResourceId, {@code service/<cluster>/<serviceName>}
 */
public record ScalingTarget(
        int schemaVersion,
        String cluster,
        String serviceName,
        String resourceId,
        String status,
        int minCapacity,
        int maxCapacity,
        SuspendedState suspendedState,
        List<ScalingPolicy> policies,
        List<ScheduledAction> scheduledActions,
        Instant updatedAt) {
    public static final int SCHEMA_VERSION = 1;
    public static final String ACTIVE = "ACTIVE";
    public static final String DEREGISTERED = "DEREGISTERED";

    public ScalingTarget(String cluster, String serviceName, String status, int minCapacity, int maxCapacity,
                         SuspendedState suspendedState, List<ScalingPolicy> policies,
                         List<ScheduledAction> scheduledActions, Instant updatedAt) {
        this(SCHEMA_VERSION, cluster, serviceName, Metrics.resourceId(cluster, serviceName), status, minCapacity,
                maxCapacity, suspendedState, policies, scheduledActions, updatedAt);
    }

    public String key() {
        return MessageKeys.of(cluster, serviceName);
    }
}
