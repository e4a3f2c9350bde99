package io.longshore.scaling;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for one scalable target at the clock's now, whether its desired count should change:
 * due scheduled actions first (cooldowns do not apply), else the target's policies combined (out if
 * any policy says out, taking the largest; in only if all target tracking policies agree). Pure:
 * everything it knows comes in as arguments, including the decisions made before (for cooldowns and
 * for which scheduled occurrences were already taken), so an autoscaler restarted from its own
 * decisions topic decides the same and derives the same activity ids.
 */
public final class ScalingEvaluator {

    /** @param period the metric period the datapoints have (60 s like AWS, seconds in tests and demos) */
    public ScalingEvaluator(Clock clock, Duration period) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * @param desiredCount the service's desired count as last published by the control plane
     * @param decisions    this target's earlier decisions, oldest first
     * @return the decision to publish, empty when nothing changes
     */
    public Optional<ScalingDecision> evaluate(ScalingTarget target, int desiredCount, MetricHistory metrics,
                                              List<ScalingDecision> decisions) {
        throw new UnsupportedOperationException("to be written");
    }
}
