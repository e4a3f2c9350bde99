package io.longshore.scaling;

import io.longshore.common.scaling.CustomizedMetricSpecification;
import io.longshore.common.scaling.PredefinedMetricSpecification;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.StepAdjustment;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.events.schedule.InvalidScheduleException;
import io.longshore.events.schedule.ScheduleExpression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Application Auto Scaling's validation of what RegisterScalableTarget, PutScalingPolicy and
 * PutScheduledAction take, shared by the control plane (which answers 400 with the message) and the
 * autoscaler (which never evaluates what breaks them).
 */
public final class ScalingRequestRules {
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_STEPS = 20;
    // AWS's bound on cooldowns (one year), in seconds.
    static final int MAX_COOLDOWN = 31_536_000;
    static final Set<String> COMPARISONS = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");

    private ScalingRequestRules() {
    }

    /** MinCapacity and MaxCapacity: 0 <= min <= max (a null one is not checked). */
    public static void checkCapacities(Integer minCapacity, Integer maxCapacity) {
        nonNegative("MinCapacity", minCapacity);
        nonNegative("MaxCapacity", maxCapacity);
        if (minCapacity != null && maxCapacity != null && minCapacity > maxCapacity) {
            throw invalid("MinCapacity", "must not be greater than MaxCapacity (" + minCapacity + " > " + maxCapacity + ")");
        }
    }

    /** A policy as PutScalingPolicy takes it (name, type, the matching configuration, steps, alarm). */
    public static void checkPolicy(ScalingPolicy policy) {
        name("PolicyName", policy.policyName());
        if (ScalingPolicy.TARGET_TRACKING.equals(policy.policyType())) {
            absent("StepScalingPolicyConfiguration", policy.stepScalingPolicyConfiguration(), policy.policyType());
            absent("Alarm", policy.alarm(), policy.policyType() + " (it creates its own alarms)");
            checkTargetTracking(required("TargetTrackingScalingPolicyConfiguration",
                    policy.targetTrackingScalingPolicyConfiguration()));
        } else if (ScalingPolicy.STEP_SCALING.equals(policy.policyType())) {
            absent("TargetTrackingScalingPolicyConfiguration", policy.targetTrackingScalingPolicyConfiguration(),
                    policy.policyType());
            checkStepScaling(required("StepScalingPolicyConfiguration", policy.stepScalingPolicyConfiguration()));
            checkAlarm(required("Alarm", policy.alarm()));
        } else {
            throw invalid("PolicyType", "must be " + ScalingPolicy.TARGET_TRACKING + " or " + ScalingPolicy.STEP_SCALING);
        }
    }

    /** A scheduled action as PutScheduledAction takes it (name, schedule, timezone, start/end, min/max). */
    public static void checkScheduledAction(ScheduledAction action) {
        name("ScheduledActionName", action.scheduledActionName());
        required("Schedule", action.schedule());
        Instant anchor = action.startTime() != null ? action.startTime()
                : action.creationTime() != null ? action.creationTime() : Instant.EPOCH;
        try {
            ScheduleExpression.parse(action.schedule(), action.timezone(), anchor);
        } catch (InvalidScheduleException e) {
            String message = e.getMessage();
            String member = message.startsWith("ScheduleExpressionTimezone:") ? "Timezone" : "Schedule";
            throw invalid(member, message.substring(message.indexOf(':') + 1).trim());
        }
        if (action.startTime() != null && action.endTime() != null && !action.startTime().isBefore(action.endTime())) {
            throw invalid("EndTime", "must be after StartTime");
        }
        ScalableTargetAction capacities = required("ScalableTargetAction", action.scalableTargetAction());
        if (capacities.minCapacity() == null && capacities.maxCapacity() == null) {
            throw invalid("ScalableTargetAction", "must set MinCapacity, MaxCapacity or both");
        }
        checkCapacities(capacities.minCapacity(), capacities.maxCapacity());
    }

    private static void checkTargetTracking(TargetTrackingScalingPolicyConfiguration config) {
        Double target = required("TargetTrackingScalingPolicyConfiguration.TargetValue", config.targetValue());
        if (!Double.isFinite(target) || target <= 0) {
            throw invalid("TargetTrackingScalingPolicyConfiguration.TargetValue", "must be a positive number");
        }
        PredefinedMetricSpecification predefined = config.predefinedMetricSpecification();
        CustomizedMetricSpecification customized = config.customizedMetricSpecification();
        if ((predefined == null) == (customized == null)) {
            throw invalid("TargetTrackingScalingPolicyConfiguration",
                    "needs exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification");
        }
        if (predefined != null) {
            String type = predefined.predefinedMetricType();
            if (!PredefinedMetricSpecification.ECS_CPU.equals(type) && !PredefinedMetricSpecification.ECS_MEMORY.equals(type)) {
                throw invalid("PredefinedMetricSpecification.PredefinedMetricType", "must be "
                        + PredefinedMetricSpecification.ECS_CPU + " or " + PredefinedMetricSpecification.ECS_MEMORY
                        + " (ALBRequestCountPerTarget needs a load balancer, which Longshore has not)");
            }
        } else {
            required("CustomizedMetricSpecification.MetricName", customized.metricName());
            required("CustomizedMetricSpecification.Namespace", customized.namespace());
            statistic("CustomizedMetricSpecification.Statistic", customized.statistic());
        }
        cooldown("TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown", config.scaleOutCooldown());
        cooldown("TargetTrackingScalingPolicyConfiguration.ScaleInCooldown", config.scaleInCooldown());
    }

    private static void checkStepScaling(StepScalingPolicyConfiguration config) {
        String type = config.adjustmentType();
        if (!List.of(StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY, StepScalingPolicyConfiguration.EXACT_CAPACITY,
                StepScalingPolicyConfiguration.PERCENT_CHANGE_IN_CAPACITY).contains(type)) {
            throw invalid("StepScalingPolicyConfiguration.AdjustmentType", "must be ChangeInCapacity, ExactCapacity "
                    + "or PercentChangeInCapacity");
        }
        if (config.minAdjustmentMagnitude() != null) {
            if (!StepScalingPolicyConfiguration.PERCENT_CHANGE_IN_CAPACITY.equals(type)) {
                throw invalid("StepScalingPolicyConfiguration.MinAdjustmentMagnitude",
                        "only applies with AdjustmentType PercentChangeInCapacity");
            }
            if (config.minAdjustmentMagnitude() < 1) {
                throw invalid("StepScalingPolicyConfiguration.MinAdjustmentMagnitude", "must be at least 1");
            }
        }
        cooldown("StepScalingPolicyConfiguration.Cooldown", config.cooldown());
        String aggregation = config.metricAggregationType();
        if (aggregation != null && !List.of(Datapoint.AVERAGE, Datapoint.MINIMUM, Datapoint.MAXIMUM).contains(aggregation)) {
            throw invalid("StepScalingPolicyConfiguration.MetricAggregationType", "must be Average, Minimum or Maximum");
        }
        checkSteps(config.stepAdjustments(), type);
    }

    /** At most 20 steps, each with an adjustment, forming one run of intervals without gaps or overlaps. */
    private static void checkSteps(List<StepAdjustment> steps, String adjustmentType) {
        String member = "StepScalingPolicyConfiguration.StepAdjustments";
        if (steps == null || steps.isEmpty()) {
            throw invalid(member, "must have at least one step");
        }
        if (steps.size() > MAX_STEPS) {
            throw invalid(member, "must have at most " + MAX_STEPS + " steps");
        }
        for (StepAdjustment step : steps) {
            if (step == null || step.scalingAdjustment() == null) {
                throw invalid(member, "every step needs a ScalingAdjustment");
            }
            if (StepScalingPolicyConfiguration.EXACT_CAPACITY.equals(adjustmentType) && step.scalingAdjustment() < 0) {
                throw invalid(member, "ScalingAdjustment must not be negative with ExactCapacity");
            }
            Double lower = step.metricIntervalLowerBound();
            Double upper = step.metricIntervalUpperBound();
            if (lower == null && upper == null && steps.size() > 1) {
                throw invalid(member, "only a single step may leave both bounds open");
            }
            if (lower != null && upper != null && lower >= upper) {
                throw invalid(member, "MetricIntervalLowerBound must be less than MetricIntervalUpperBound ("
                        + lower + " >= " + upper + ")");
            }
        }
        List<StepAdjustment> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(s -> s.metricIntervalLowerBound() == null
                ? Double.NEGATIVE_INFINITY : s.metricIntervalLowerBound()));
        if (sorted.stream().skip(1).anyMatch(s -> s.metricIntervalLowerBound() == null)) {
            throw invalid(member, "only one step may have no lower bound");
        }
        for (int i = 0; i < sorted.size(); i++) {
            StepAdjustment step = sorted.get(i);
            if (i < sorted.size() - 1) {
                Double upper = step.metricIntervalUpperBound();
                Double nextLower = sorted.get(i + 1).metricIntervalLowerBound();
                if (upper == null) {
                    throw invalid(member, "only the highest step may have no upper bound");
                }
                if (!upper.equals(nextLower)) {
                    throw invalid(member, (upper < nextLower ? "a gap" : "an overlap") + " between " + upper
                            + " and " + nextLower + ": each step's upper bound must be the next step's lower bound");
                }
            }
        }
    }

    private static void checkAlarm(ScalingAlarm alarm) {
        required("Alarm.MetricName", alarm.metricName());
        required("Alarm.Namespace", alarm.namespace());
        statistic("Alarm.Statistic", alarm.statistic());
        Double threshold = required("Alarm.Threshold", alarm.threshold());
        if (!Double.isFinite(threshold)) {
            throw invalid("Alarm.Threshold", "must be a finite number");
        }
        if (!COMPARISONS.contains(alarm.comparisonOperator())) {
            throw invalid("Alarm.ComparisonOperator", "must be one of " + String.join(", ", COMPARISONS.stream().sorted().toList()));
        }
        int periods = alarm.evaluationPeriods() == null ? 1 : alarm.evaluationPeriods();
        if (periods < 1) {
            throw invalid("Alarm.EvaluationPeriods", "must be at least 1");
        }
        if (alarm.datapointsToAlarm() != null && (alarm.datapointsToAlarm() < 1 || alarm.datapointsToAlarm() > periods)) {
            throw invalid("Alarm.DatapointsToAlarm", "must be between 1 and EvaluationPeriods (" + periods + ")");
        }
        if (alarm.alarmName() != null && (alarm.alarmName().isBlank() || alarm.alarmName().length() > MAX_NAME_LENGTH)) {
            throw invalid("Alarm.AlarmName", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void statistic(String member, String statistic) {
        if (statistic != null && !Datapoint.isStatistic(statistic)) {
            throw invalid(member, "must be Average, Minimum, Maximum, Sum or SampleCount");
        }
    }

    private static void cooldown(String member, Integer seconds) {
        if (seconds != null && (seconds < 0 || seconds > MAX_COOLDOWN)) {
            throw invalid(member, "must be between 0 and " + MAX_COOLDOWN + " seconds");
        }
    }

    private static void name(String member, String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw invalid(member, "must be 1 to " + MAX_NAME_LENGTH + " printable ASCII characters");
        }
    }

    private static void nonNegative(String member, Integer value) {
        if (value != null && value < 0) {
            throw invalid(member, "must not be negative");
        }
    }

    private static <T> T required(String member, T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw invalid(member, "is required");
        }
        return value;
    }

    private static void absent(String member, Object value, String policyType) {
        if (value != null) {
            throw invalid(member, "does not apply to PolicyType " + policyType);
        }
    }

    private static InvalidScalingRequestException invalid(String member, String rule) {
        return new InvalidScalingRequestException(member, rule);
    }
}
