package io.longshore.scaling;

import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;

/**
 * Application Auto Scaling's validation of what RegisterScalableTarget, PutScalingPolicy and
 * PutScheduledAction take, shared by the control plane (which answers 400 with the message) and the
 * autoscaler (which never evaluates what breaks them).
 */
public final class ScalingRequestRules {
    private ScalingRequestRules() {
    }

    /** MinCapacity and MaxCapacity: 0 <= min <= max. */
    public static void checkCapacities(Integer minCapacity, Integer maxCapacity) {
        throw new UnsupportedOperationException("to be written");
    }

    /** A policy as PutScalingPolicy takes it (name, type, the matching configuration, steps, alarm). */
    public static void checkPolicy(ScalingPolicy policy) {
        throw new UnsupportedOperationException("to be written");
    }

    /** A scheduled action as PutScheduledAction takes it (name, schedule, timezone, start/end, min/max). */
    public static void checkScheduledAction(ScheduledAction action) {
        throw new UnsupportedOperationException("to be written");
    }
}
