package io.longshore.controlplane.domain;

import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.SuspendedState;
import io.longshore.scaling.InvalidScalingRequestException;
import io.longshore.scaling.ScalingRequestRules;
import java.time.Instant;
import java.util.List;

/**
 * A service's scalable target (dimension {@code ecs:service:DesiredCount}): the range its desired
 * count is kept in and which kinds of scaling are suspended. Immutable; every change is a method
 * returning the changed target.
 *
 * @param suspendedState all three members set (never null)
 * @param updatedAt      when the target, one of its policies or scheduled actions last changed
 */
public record ScalableTarget(String cluster, String serviceName, int minCapacity, int maxCapacity,
                             SuspendedState suspendedState, String arn, Instant createdAt, Instant updatedAt) {

    public ScalableTarget {
        suspendedState = merge(SuspendedState.NONE, suspendedState);
    }

    /** RegisterScalableTarget for a service without a target: both capacities are required. */
    public static ScalableTarget register(String cluster, String serviceName, RegisterScalableTarget request,
                                          String arn, Instant now) {
        ScalingRequestRules.checkCapacities(request.minCapacity(), request.maxCapacity());
        if (request.minCapacity() == null) {
            throw new InvalidScalingRequestException("MinCapacity", "is required to register a new scalable target");
        }
        if (request.maxCapacity() == null) {
            throw new InvalidScalingRequestException("MaxCapacity", "is required to register a new scalable target");
        }
        return new ScalableTarget(cluster, serviceName, request.minCapacity(), request.maxCapacity(),
                request.suspendedState(), arn, now, now);
    }

    /** RegisterScalableTarget again: what the request omits (a capacity, a suspended state) stays as it is. */
    public ScalableTarget reregister(RegisterScalableTarget request, Instant now) {
        int min = request.minCapacity() != null ? request.minCapacity() : minCapacity;
        int max = request.maxCapacity() != null ? request.maxCapacity() : maxCapacity;
        ScalingRequestRules.checkCapacities(min, max);
        return new ScalableTarget(cluster, serviceName, min, max, merge(suspendedState, request.suspendedState()), arn,
                createdAt, now);
    }

    /**
     * A scheduled action's new capacities (null: unchanged). Should they cross the side it leaves
     * alone, that side gives way: a new minimum above the maximum raises the maximum, and the other way round.
     */
    public ScalableTarget withScheduledCapacities(Integer newMin, Integer newMax, Instant now) {
        int min = newMin != null ? newMin : minCapacity;
        int max = newMax != null ? newMax : maxCapacity;
        if (min > max) {
            if (newMax == null) {
                max = min;
            } else {
                min = max;
            }
        }
        return new ScalableTarget(cluster, serviceName, min, max, suspendedState, arn, createdAt, now);
    }

    /** The same target, marked changed (a policy or scheduled action of it was put or deleted). */
    public ScalableTarget touched(Instant now) {
        return new ScalableTarget(cluster, serviceName, minCapacity, maxCapacity, suspendedState, arn, createdAt, now);
    }

    /** The desired count brought into [MinCapacity, MaxCapacity]. */
    public int clamp(int desiredCount) {
        return Math.max(minCapacity, Math.min(maxCapacity, desiredCount));
    }

    public String resourceId() {
        return Metrics.resourceId(cluster, serviceName);
    }

    /** The target as the autoscaler receives it. */
    public ScalingTarget active(List<ScalingPolicy> policies, List<ScheduledAction> scheduledActions) {
        return new ScalingTarget(cluster, serviceName, ScalingTarget.ACTIVE, minCapacity, maxCapacity, suspendedState,
                policies, scheduledActions, updatedAt);
    }

    /** The target's last word to the autoscaler: deregistered, nothing to evaluate. */
    public ScalingTarget deregistered(Instant now) {
        return new ScalingTarget(cluster, serviceName, ScalingTarget.DEREGISTERED, minCapacity, maxCapacity,
                suspendedState, List.of(), List.of(), now);
    }

    /** {@code requested}'s members where it sets them, {@code base}'s elsewhere; never null members. */
    static SuspendedState merge(SuspendedState base, SuspendedState requested) {
        SuspendedState asked = requested != null ? requested : new SuspendedState(null, null, null);
        return new SuspendedState(
                pick(asked.dynamicScalingInSuspended(), base.dynamicScalingInSuspended()),
                pick(asked.dynamicScalingOutSuspended(), base.dynamicScalingOutSuspended()),
                pick(asked.scheduledScalingSuspended(), base.scheduledScalingSuspended()));
    }

    private static Boolean pick(Boolean requested, Boolean base) {
        return Boolean.TRUE.equals(requested != null ? requested : base);
    }
}
