package io.longshore.scaling;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.scaling.CustomizedMetricSpecification;
import io.longshore.common.scaling.MetricDimension;
import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.PredefinedMetricSpecification;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.StepAdjustment;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.SuspendedState;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.events.schedule.InvalidScheduleException;
import io.longshore.events.schedule.ScheduleExpression;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides, for one scalable target at the clock's now, whether its desired count should change:
 * due scheduled actions first (cooldowns do not apply), else the target's policies combined (out if
 * any policy says out, taking the largest; in only if all target tracking policies agree). Pure:
 * everything it knows comes in as arguments, including the decisions made before (for cooldowns and
 * for which scheduled occurrences were already taken), so an autoscaler restarted from its own
 * decisions topic decides the same and derives the same activity ids.
 *
 * <p>A policy only reads datapoints of periods that began after the target's last capacity change:
 * earlier ones measured the old number of tasks, and acting on them again would overshoot.
 */
public final class ScalingEvaluator {
    /** Target tracking scales out when the metric is above target for this many datapoints in a row (AWS: 3 of 3). */
    static final int SCALE_OUT_DATAPOINTS = 3;
    /** ... and in when it is below {@link #SCALE_IN_RATIO} of the target for this many (AWS: 15 of 15). */
    static final int SCALE_IN_DATAPOINTS = 15;
    static final double SCALE_IN_RATIO = 0.9;
    // So that a metric exactly at a multiple of the target does not round up by floating-point noise.
    private static final double EPSILON = 1e-9;

    private final Clock clock;

    public ScalingEvaluator(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @param desiredCount the service's desired count as last published by the control plane
     * @param decisions    this target's earlier decisions, oldest first
     * @return the decision to publish, empty when nothing changes
     */
    public Optional<ScalingDecision> evaluate(ScalingTarget target, int desiredCount, MetricHistory metrics,
                                              List<ScalingDecision> decisions) {
        if (!ScalingTarget.ACTIVE.equals(target.status())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SuspendedState suspended = target.suspendedState() == null ? SuspendedState.NONE : target.suspendedState();
        if (!suspended.scheduledSuspended()) {
            Optional<ScalingDecision> scheduled = dueScheduledAction(target, desiredCount, decisions, now);
            if (scheduled.isPresent()) {
                return scheduled;
            }
        }
        return policyDecision(target, desiredCount, metrics, new History(decisions), suspended, now);
    }

    // ---- scheduled actions

    private Optional<ScalingDecision> dueScheduledAction(ScalingTarget target, int desired,
                                                         List<ScalingDecision> decisions, Instant now) {
        ScheduledAction chosen = null;
        Instant chosenDue = null;
        for (ScheduledAction action : target.scheduledActions()) {
            Optional<Instant> due = dueOccurrence(target, action, decisions, now);
            if (due.isPresent() && (chosenDue == null || due.get().isBefore(chosenDue))) {
                chosen = action;
                chosenDue = due.get();
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        Integer setMin = chosen.scalableTargetAction().minCapacity();
        Integer setMax = chosen.scalableTargetAction().maxCapacity();
        int min = setMin != null ? setMin : target.minCapacity();
        int max = setMax != null ? setMax : target.maxCapacity();
        if (min > max) { // the side the action did not set gives way
            if (setMax == null) {
                max = min;
            } else {
                min = max;
            }
        }
        int to = clamp(desired, min, max);
        String capacities = "set min capacity to " + min + " and max capacity to " + max;
        String description = to != desired ? "Setting desired count to " + to + "."
                : "Setting min capacity to " + min + " and max capacity to " + max + ".";
        String cause = "scheduled action " + chosen.scheduledActionName() + " (" + chosen.schedule() + ") "
                + capacities + (to != desired ? ", changing the desired capacity from " + desired + " to " + to : "");
        String id = activityId(target.resourceId(), ScalingDecision.SCHEDULED_ACTION, chosen.scheduledActionName(),
                chosenDue.toString());
        return Optional.of(new ScalingDecision(ScalingDecision.SCHEMA_VERSION, id, target.cluster(),
                target.serviceName(), target.resourceId(), ScalingDecision.SCHEDULED_ACTION,
                chosen.scheduledActionName(), desired, to, min, max, description, cause, now));
    }

    /** The occurrence owed now: the latest one after the action began and after the one taken last, up to its end. */
    private static Optional<Instant> dueOccurrence(ScalingTarget target, ScheduledAction action,
                                                   List<ScalingDecision> decisions, Instant now) {
        Instant created = action.creationTime() != null ? action.creationTime() : target.updatedAt();
        Instant anchor = action.startTime() != null && action.startTime().isAfter(created) ? action.startTime() : created;
        Instant after = anchor;
        for (ScalingDecision decision : decisions) {
            if (ScalingDecision.SCHEDULED_ACTION.equals(decision.cause())
                    && action.scheduledActionName().equals(decision.source()) && decision.decidedAt().isAfter(after)) {
                after = decision.decidedAt();
            }
        }
        ScheduleExpression schedule;
        try {
            schedule = ScheduleExpression.parse(action.schedule(), action.timezone(),
                    action.startTime() != null ? action.startTime() : created);
        } catch (InvalidScheduleException e) {
            return Optional.empty(); // refused when put; nothing to take
        }
        return schedule.latestDue(after, now).filter(due -> action.endTime() == null || !due.isAfter(action.endTime()));
    }

    // ---- policies

    private Optional<ScalingDecision> policyDecision(ScalingTarget target, int current, MetricHistory metrics,
                                                     History history, SuspendedState suspended, Instant now) {
        List<Proposal> outs = new ArrayList<>();
        List<Proposal> ins = new ArrayList<>();
        int targetTrackingVoters = 0;
        int targetTrackingIns = 0;
        for (ScalingPolicy policy : target.policies()) {
            if (ScalingPolicy.TARGET_TRACKING.equals(policy.policyType())) {
                TargetTrackingScalingPolicyConfiguration config = policy.targetTrackingScalingPolicyConfiguration();
                targetTracking(target, policy, current, metrics, history, now).ifPresent(p -> outs.add(p));
                if (!Boolean.TRUE.equals(config.disableScaleIn())) {
                    targetTrackingVoters++;
                    Optional<Proposal> in = targetTrackingIn(target, policy, current, metrics, history, now);
                    if (in.isPresent()) {
                        targetTrackingIns++;
                        ins.add(in.get());
                    }
                }
            } else if (ScalingPolicy.STEP_SCALING.equals(policy.policyType())) {
                stepScaling(target, policy, current, metrics, history, now)
                        .ifPresent(p -> (p.to() > current ? outs : ins).add(p));
            }
        }
        if (!suspended.scaleOutSuspended() && !outs.isEmpty()) {
            return Optional.of(decision(target, current, largest(outs), now));
        }
        // Target tracking scales in only when every policy that may scale in agrees; step policies act on their own alarms.
        if (targetTrackingIns < targetTrackingVoters) {
            ins.removeIf(Proposal::targetTracking);
        }
        if (!suspended.scaleInSuspended() && !ins.isEmpty()) {
            return Optional.of(decision(target, current, largest(ins), now));
        }
        return Optional.empty();
    }

    private Optional<Proposal> targetTracking(ScalingTarget target, ScalingPolicy policy, int current,
                                              MetricHistory metrics, History history, Instant now) {
        TargetTrackingScalingPolicyConfiguration config = policy.targetTrackingScalingPolicyConfiguration();
        double targetValue = config.targetValue();
        List<Datapoint> recent = metrics.recent(metricKey(target, config), SCALE_OUT_DATAPOINTS);
        String statistic = statistic(config);
        if (!history.allFresh(recent) || !recent.stream().allMatch(d -> d.statistic(statistic) > targetValue)) {
            return Optional.empty();
        }
        Datapoint latest = recent.get(recent.size() - 1);
        int to = clamp(proportional(current, latest.statistic(statistic), targetValue), target.minCapacity(),
                target.maxCapacity());
        // During the scale-out cooldown only a larger scale-out than the one that started it may follow.
        ScalingDecision lastOut = history.lastOut();
        if (lastOut != null && within(lastOut, cooldown(config.scaleOutCooldown()), now) && to <= lastOut.toCapacity()) {
            return Optional.empty();
        }
        return to > current ? Optional.of(new Proposal(policy.policyName(), AlarmNames.targetTracking(target.resourceId(), policy.policyName(), AlarmNames.HIGH), to,
                latest.periodStart(), true)) : Optional.empty();
    }

    private Optional<Proposal> targetTrackingIn(ScalingTarget target, ScalingPolicy policy, int current,
                                                MetricHistory metrics, History history, Instant now) {
        TargetTrackingScalingPolicyConfiguration config = policy.targetTrackingScalingPolicyConfiguration();
        double targetValue = config.targetValue();
        String statistic = statistic(config);
        List<Datapoint> recent = metrics.recent(metricKey(target, config), SCALE_IN_DATAPOINTS);
        if (!history.allFresh(recent)
                || !recent.stream().allMatch(d -> d.statistic(statistic) < SCALE_IN_RATIO * targetValue)) {
            return Optional.empty();
        }
        // A scale-out interrupts a scale-in cooldown, and no scale-in happens during a scale-out cooldown.
        ScalingDecision lastOut = history.lastOut();
        ScalingDecision lastIn = history.lastIn();
        if ((lastOut != null && within(lastOut, cooldown(config.scaleOutCooldown()), now))
                || (lastIn != null && (lastOut == null || lastIn.decidedAt().isAfter(lastOut.decidedAt()))
                && within(lastIn, cooldown(config.scaleInCooldown()), now))) {
            return Optional.empty();
        }
        Datapoint latest = recent.get(recent.size() - 1);
        int to = clamp(proportional(current, latest.statistic(statistic), targetValue), target.minCapacity(),
                target.maxCapacity());
        return to < current ? Optional.of(new Proposal(policy.policyName(), AlarmNames.targetTracking(target.resourceId(), policy.policyName(), AlarmNames.LOW), to,
                latest.periodStart(), true)) : Optional.empty();
    }

    private Optional<Proposal> stepScaling(ScalingTarget target, ScalingPolicy policy, int current,
                                           MetricHistory metrics, History history, Instant now) {
        StepScalingPolicyConfiguration config = policy.stepScalingPolicyConfiguration();
        ScalingAlarm alarm = policy.alarm();
        int periods = alarm.evaluationPeriods() == null ? 1 : alarm.evaluationPeriods();
        int toAlarm = alarm.datapointsToAlarm() == null ? periods : alarm.datapointsToAlarm();
        List<Datapoint> recent = metrics.recent(metricKey(target, alarm.namespace(), alarm.metricName(),
                alarm.dimensions()), periods);
        Datapoint latest = null;
        int breaching = 0;
        for (Datapoint datapoint : recent) {
            if (datapoint != null) { // missing data neither breaches nor clears (CloudWatch's "missing")
                latest = datapoint;
                if (breaches(alarm, datapoint.statistic(alarm.statistic()))) {
                    breaching++;
                }
            }
        }
        ScalingDecision lastOwn = history.lastBy(policy.policyName());
        int cooldown = config.cooldown() == null ? StepScalingPolicyConfiguration.DEFAULT_COOLDOWN_SECONDS : config.cooldown();
        if (breaching < toAlarm || (lastOwn != null && within(lastOwn, cooldown, now))) {
            return Optional.empty();
        }
        Instant periodStart = latest.periodStart();
        double overThreshold = latest.statistic(alarm.statistic()) - alarm.threshold();
        boolean aboveAlarm = alarm.comparisonOperator().startsWith("Greater");
        return step(config.stepAdjustments(), overThreshold, aboveAlarm).map(step -> {
            int to = clamp(adjusted(current, config, step.scalingAdjustment()), target.minCapacity(), target.maxCapacity());
            String name = alarm.alarmName() != null ? alarm.alarmName() : AlarmNames.step(target.resourceId(), policy.policyName());
            return new Proposal(policy.policyName(), name, to, periodStart, false);
        }).filter(p -> p.to() != current);
    }

    /**
     * The step whose interval holds the distance from the threshold: [lower, upper) for an alarm on
     * exceeding it, (lower, upper] for one on falling below it, so the threshold itself belongs to the
     * step next to it on the breaching side.
     */
    static Optional<StepAdjustment> step(List<StepAdjustment> steps, double overThreshold, boolean above) {
        for (StepAdjustment step : steps) {
            double lower = step.metricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY : step.metricIntervalLowerBound();
            double upper = step.metricIntervalUpperBound() == null ? Double.POSITIVE_INFINITY : step.metricIntervalUpperBound();
            boolean inside = above ? lower <= overThreshold && overThreshold < upper
                    : lower < overThreshold && overThreshold <= upper;
            if (inside) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** The new capacity a step asks for, before clamping into [min, max]. */
    static int adjusted(int current, StepScalingPolicyConfiguration config, int adjustment) {
        switch (config.adjustmentType()) {
            case StepScalingPolicyConfiguration.EXACT_CAPACITY:
                return adjustment;
            case StepScalingPolicyConfiguration.PERCENT_CHANGE_IN_CAPACITY:
                int change = percentChange(current, adjustment);
                Integer magnitude = config.minAdjustmentMagnitude();
                if (magnitude != null && change != 0 && Math.abs(change) < magnitude) {
                    change = Integer.signum(change) * magnitude;
                }
                return current + change;
            default:
                return current + adjustment;
        }
    }

    /** AWS's rounding of a percent change: above 1 rounds down, below −1 rounds up, and a fraction becomes ±1. */
    static int percentChange(int current, int percent) {
        double change = current * percent / 100.0;
        if (change > 1) {
            return (int) Math.floor(change + EPSILON);
        }
        if (change < -1) {
            return (int) Math.ceil(change - EPSILON);
        }
        return change > 0 ? 1 : change < 0 ? -1 : 0;
    }

    /** Target tracking's proportional step: ceil(current × metric / target), counting no tasks as one. */
    static int proportional(int current, double metric, double target) {
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(Math.max(current, 1) * metric / target - EPSILON));
    }

    private static boolean breaches(ScalingAlarm alarm, double value) {
        double threshold = alarm.threshold();
        switch (alarm.comparisonOperator()) {
            case "GreaterThanOrEqualToThreshold":
                return value >= threshold;
            case "GreaterThanThreshold":
                return value > threshold;
            case "LessThanThreshold":
                return value < threshold;
            default:
                return value <= threshold;
        }
    }

    private ScalingDecision decision(ScalingTarget target, int current, Proposal proposal, Instant now) {
        String cause = "monitor alarm " + proposal.alarmName() + " in state ALARM triggered policy " + proposal.policyName()
                + " changing the desired capacity from " + current + " to " + proposal.to();
        String id = activityId(target.resourceId(), ScalingDecision.POLICY, proposal.policyName(),
                proposal.periodStart() + "|" + current + "|" + proposal.to());
        return new ScalingDecision(ScalingDecision.SCHEMA_VERSION, id, target.cluster(), target.serviceName(),
                target.resourceId(), ScalingDecision.POLICY, proposal.policyName(), current, proposal.to(), null, null,
                "Setting desired count to " + proposal.to() + ".", cause, now);
    }

    private static Proposal largest(List<Proposal> proposals) {
        return proposals.stream().max(Comparator.comparingInt(Proposal::to).thenComparing(Proposal::policyName,
                Comparator.reverseOrder())).orElseThrow();
    }

    static MetricKey metricKey(ScalingTarget target, TargetTrackingScalingPolicyConfiguration config) {
        PredefinedMetricSpecification predefined = config.predefinedMetricSpecification();
        if (predefined != null) {
            String metric = PredefinedMetricSpecification.ECS_MEMORY.equals(predefined.predefinedMetricType())
                    ? Metrics.MEMORY_UTILIZATION : Metrics.CPU_UTILIZATION;
            return MetricKey.of(target.cluster(), target.serviceName(), Metrics.NAMESPACE_ECS, metric);
        }
        CustomizedMetricSpecification custom = config.customizedMetricSpecification();
        return metricKey(target, custom.namespace(), custom.metricName(), custom.dimensions());
    }

    /** A metric of the target's service: ClusterName and ServiceName are implied, the other dimensions kept. */
    static MetricKey metricKey(ScalingTarget target, String namespace, String metricName, List<MetricDimension> dimensions) {
        Map<String, String> own = new HashMap<>();
        if (dimensions != null) {
            dimensions.stream().filter(d -> !Metrics.CLUSTER_NAME.equals(d.name()) && !Metrics.SERVICE_NAME.equals(d.name()))
                    .forEach(d -> own.put(d.name(), d.value()));
        }
        return new MetricKey(target.cluster(), target.serviceName(), namespace, metricName, own);
    }

    private static String statistic(TargetTrackingScalingPolicyConfiguration config) {
        CustomizedMetricSpecification custom = config.customizedMetricSpecification();
        return custom == null || custom.statistic() == null ? Datapoint.AVERAGE : custom.statistic();
    }

    private static int cooldown(Integer seconds) {
        return seconds == null ? TargetTrackingScalingPolicyConfiguration.DEFAULT_COOLDOWN_SECONDS : seconds;
    }

    private static boolean within(ScalingDecision decision, int cooldownSeconds, Instant now) {
        return now.isBefore(decision.decidedAt().plusSeconds(cooldownSeconds));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String activityId(String resourceId, String cause, String source, String occasion) {
        return UUID.nameUUIDFromBytes(String.join("|", resourceId, cause, source, occasion)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What one policy asks for. */
    private record Proposal(String policyName, String alarmName, int to, Instant periodStart, boolean targetTracking) {
    }

    /** The target's earlier decisions, as cooldowns and freshness read them. */
    private final class History {
        private final List<ScalingDecision> decisions;

        History(List<ScalingDecision> decisions) {
            this.decisions = decisions;
        }

        ScalingDecision lastOut() {
            return last(d -> d.toCapacity() > d.fromCapacity());
        }

        ScalingDecision lastIn() {
            return last(d -> d.toCapacity() < d.fromCapacity());
        }

        ScalingDecision lastBy(String policyName) {
            return last(d -> ScalingDecision.POLICY.equals(d.cause()) && policyName.equals(d.source()));
        }

        /** Every datapoint present and measured wholly after the last capacity change. */
        boolean allFresh(List<Datapoint> datapoints) {
            ScalingDecision change = last(d -> d.toCapacity() != d.fromCapacity());
            return datapoints.stream().allMatch(d -> d != null
                    && (change == null || !d.periodStart().isBefore(change.decidedAt())));
        }

        private ScalingDecision last(java.util.function.Predicate<ScalingDecision> which) {
            for (int i = decisions.size() - 1; i >= 0; i--) {
                if (which.test(decisions.get(i))) {
                    return decisions.get(i);
                }
            }
            return null;
        }
    }
}
