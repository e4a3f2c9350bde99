package io.longshore.scaling;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.scaling.CustomizedMetricSpecification;
import io.longshore.common.scaling.PredefinedMetricSpecification;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.StepAdjustment;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.SuspendedState;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.common.scaling.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scalable targets, policies and a metric history with one-minute datapoints, for the evaluator's tests. */
final class Fixtures {
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final MetricKey CPU = MetricKey.of("prod", "web", Metrics.NAMESPACE_ECS, Metrics.CPU_UTILIZATION);
    static final MetricKey MEMORY = MetricKey.of("prod", "web", Metrics.NAMESPACE_ECS, Metrics.MEMORY_UTILIZATION);
    static final MetricKey QUEUE = MetricKey.of("prod", "web", "Shop", "QueueDepth");

    private Fixtures() {
    }

    static ScalingTarget target(int min, int max, List<ScalingPolicy> policies, List<ScheduledAction> actions) {
        return target(min, max, SuspendedState.NONE, policies, actions);
    }

    static ScalingTarget target(int min, int max, SuspendedState suspended, List<ScalingPolicy> policies,
                                List<ScheduledAction> actions) {
        return new ScalingTarget("prod", "web", ScalingTarget.ACTIVE, min, max, suspended, policies, actions, T0);
    }

    static ScalingPolicy cpuTracking(String name, double target, Integer outCooldown, Integer inCooldown,
                                     Boolean disableScaleIn) {
        return new ScalingPolicy(name, null, ScalingPolicy.TARGET_TRACKING, new TargetTrackingScalingPolicyConfiguration(
                target, new PredefinedMetricSpecification(PredefinedMetricSpecification.ECS_CPU, null), null,
                outCooldown, inCooldown, disableScaleIn), null, null, T0);
    }

    static ScalingPolicy memoryTracking(String name, double target) {
        return new ScalingPolicy(name, null, ScalingPolicy.TARGET_TRACKING, new TargetTrackingScalingPolicyConfiguration(
                target, new PredefinedMetricSpecification(PredefinedMetricSpecification.ECS_MEMORY, null), null,
                0, 0, null), null, null, T0);
    }

    static ScalingPolicy queueTracking(String name, double target) {
        return new ScalingPolicy(name, null, ScalingPolicy.TARGET_TRACKING, new TargetTrackingScalingPolicyConfiguration(
                target, null, new CustomizedMetricSpecification("QueueDepth", "Shop", List.of(), "Average", null),
                0, 0, null), null, null, T0);
    }

    static ScalingPolicy step(String name, String adjustmentType, Integer minMagnitude, Integer cooldown,
                              ScalingAlarm alarm, StepAdjustment... steps) {
        return new ScalingPolicy(name, null, ScalingPolicy.STEP_SCALING, null, new StepScalingPolicyConfiguration(
                adjustmentType, Arrays.asList(steps), minMagnitude, cooldown, null), alarm, T0);
    }

    static ScalingAlarm cpuAlarm(String name, double threshold, String comparison, int periods, Integer toAlarm) {
        return new ScalingAlarm(name, Metrics.CPU_UTILIZATION, Metrics.NAMESPACE_ECS, List.of(), "Average", threshold,
                comparison, periods, toAlarm);
    }

    static StepAdjustment stepOf(Double lower, Double upper, int adjustment) {
        return new StepAdjustment(lower, upper, adjustment);
    }

    static ScheduledAction scheduled(String name, String schedule, Integer min, Integer max) {
        return new ScheduledAction(name, null, schedule, null, null, null, new ScalableTargetAction(min, max), T0);
    }

    static ScalingDecision decisionAt(Instant at, String cause, String source, int from, int to) {
        return new ScalingDecision(ScalingDecision.SCHEMA_VERSION, at + source, "prod", "web", "service/prod/web", cause,
                source, from, to, null, null, "Setting desired count to " + to + ".", "test", at);
    }

    static Clock clockAt(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** Datapoints per series, each list ending with the last closed period, which starts one period before {@code now}. */
    static final class History implements MetricHistory {
        private final Map<MetricKey, List<Datapoint>> series = new HashMap<>();
        private final Instant lastPeriodStart;

        History(Instant now) {
            this.lastPeriodStart = now.minus(PERIOD);
        }

        /** Values oldest first, the last one the latest closed period's; null leaves a period without data. */
        History with(MetricKey key, Double... averages) {
            List<Datapoint> points = new ArrayList<>();
            for (int i = 0; i < averages.length; i++) {
                Instant start = lastPeriodStart.minus(PERIOD.multipliedBy(averages.length - 1 - i));
                Double v = averages[i];
                points.add(v == null ? null : new Datapoint(start, v, v, v, v, 1));
            }
            series.put(key, points);
            return this;
        }

        History steady(MetricKey key, double average, int periods) {
            Double[] values = new Double[periods];
            Arrays.fill(values, average);
            return with(key, values);
        }

        @Override
        public List<Datapoint> recent(MetricKey key, int count) {
            List<Datapoint> points = series.getOrDefault(key, List.of());
            List<Datapoint> recent = new ArrayList<>();
            for (int back = count; back >= 1; back--) {
                int i = points.size() - back;
                recent.add(i < 0 ? null : points.get(i));
            }
            return recent;
        }
    }
}
