package io.longshore.common.messaging;

import java.time.Instant;

/**
 * What the autoscaler decided for one scalable target, on {@link Topics#SCALING_DECISIONS}, keyed
 * {@code <cluster>/<serviceName>}. The control plane carries it out in one transaction: the
 * service's desired count (and, for a scheduled action, the target's min/max) change, and a scaling
 * activity is recorded under {@code activityId}. A redelivered decision (same id) changes nothing.
 *
 * @param activityId          a UUID the autoscaler derives from the cause, so a decision re-made after a restart has the same id
 * @param cause               {@value #POLICY} or {@value #SCHEDULED_ACTION}
 * @param source              the policy's or the scheduled action's name
 * @param fromCapacity        the desired count the decision was made against
 * @param toCapacity          the desired count wanted (already within min/max)
 * @param newMinCapacity      a scheduled action's new minimum (null: unchanged)
 * @param newMaxCapacity      a scheduled action's new maximum (null: unchanged)
 * @param description         ECS's one line, e.g. "Setting desired count to 4."
 * @param causeText           the plain-words cause, e.g. "monitor alarm web-cpu-high in state ALARM triggered policy web-step"
 */
public record ScalingDecision(
        int schemaVersion,
        String activityId,
        String cluster,
        String serviceName,
        String resourceId,
        String cause,
        String source,
        int fromCapacity,
        int toCapacity,
        Integer newMinCapacity,
        Integer newMaxCapacity,
        String description,
        String causeText,
        Instant decidedAt) {
    public static final int SCHEMA_VERSION = 1;
    public static final String POLICY = "POLICY";
    public static final String SCHEDULED_ACTION = "SCHEDULED_ACTION";

    public String key() {
        return MessageKeys.of(cluster, serviceName);
    }
}
