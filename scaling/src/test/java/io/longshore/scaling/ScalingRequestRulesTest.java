package io.longshore.scaling;

import static io.longshore.scaling.Fixtures.T0;
import static io.longshore.scaling.Fixtures.cpuAlarm;
import static io.longshore.scaling.Fixtures.cpuTracking;
import static io.longshore.scaling.Fixtures.step;
import static io.longshore.scaling.Fixtures.stepOf;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.scaling.CustomizedMetricSpecification;
import io.longshore.common.scaling.PredefinedMetricSpecification;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.StepAdjustment;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ScalingRequestRulesTest {
    static final String CHANGE = StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY;

    static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable check, String member) {
        return assertThatThrownBy(check::run).isInstanceOf(InvalidScalingRequestException.class)
                .hasFieldOrPropertyWithValue("member", member).hasMessageStartingWith(member + ": ");
    }

    @Test
    void capacities() {
        assertThatCode(() -> ScalingRequestRules.checkCapacities(0, 0)).doesNotThrowAnyException();
        assertThatCode(() -> ScalingRequestRules.checkCapacities(null, 3)).doesNotThrowAnyException();
        refused(() -> ScalingRequestRules.checkCapacities(-1, 3), "MinCapacity");
        refused(() -> ScalingRequestRules.checkCapacities(1, -3), "MaxCapacity");
        refused(() -> ScalingRequestRules.checkCapacities(4, 3), "MinCapacity").hasMessageContaining("MaxCapacity");
    }

    @Test
    void targetTrackingPolicies() {
        assertThatCode(() -> ScalingRequestRules.checkPolicy(cpuTracking("cpu", 50, 60, 60, null))).doesNotThrowAnyException();
        refused(() -> ScalingRequestRules.checkPolicy(cpuTracking("", 50, null, null, null)), "PolicyName");
        refused(() -> ScalingRequestRules.checkPolicy(cpuTracking("cpu", 0, null, null, null)),
                "TargetTrackingScalingPolicyConfiguration.TargetValue");
        refused(() -> ScalingRequestRules.checkPolicy(cpuTracking("cpu", 50, -1, null, null)),
                "TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown");
        refused(() -> ScalingRequestRules.checkPolicy(new ScalingPolicy("cpu", null, "Simple", null, null, null, T0)),
                "PolicyType");
        refused(() -> ScalingRequestRules.checkPolicy(tracking(new TargetTrackingScalingPolicyConfiguration(50.0,
                null, null, null, null, null))), "TargetTrackingScalingPolicyConfiguration").hasMessageContaining("exactly one");
        refused(() -> ScalingRequestRules.checkPolicy(tracking(new TargetTrackingScalingPolicyConfiguration(50.0,
                new PredefinedMetricSpecification("ALBRequestCountPerTarget", "x"), null, null, null, null))),
                "PredefinedMetricSpecification.PredefinedMetricType");
        refused(() -> ScalingRequestRules.checkPolicy(tracking(new TargetTrackingScalingPolicyConfiguration(50.0,
                null, new CustomizedMetricSpecification("Depth", "Shop", List.of(), "p99", null), null, null, null))),
                "CustomizedMetricSpecification.Statistic");
        refused(() -> ScalingRequestRules.checkPolicy(new ScalingPolicy("cpu", null, ScalingPolicy.TARGET_TRACKING, null,
                null, null, T0)), "TargetTrackingScalingPolicyConfiguration").hasMessageContaining("required");
        ScalingPolicy withAlarm = cpuTracking("cpu", 50, null, null, null);
        refused(() -> ScalingRequestRules.checkPolicy(new ScalingPolicy("cpu", null, ScalingPolicy.TARGET_TRACKING,
                withAlarm.targetTrackingScalingPolicyConfiguration(), null,
                cpuAlarm("a", 70, "GreaterThanThreshold", 1, null), T0)), "Alarm");
    }

    @Test
    void stepPoliciesNeedContiguousStepsWithoutGapsOrOverlaps() {
        assertThatCode(() -> ScalingRequestRules.checkPolicy(steps(stepOf(null, 0.0, -1), stepOf(0.0, 10.0, 1),
                stepOf(10.0, null, 3)))).doesNotThrowAnyException();
        assertThatCode(() -> ScalingRequestRules.checkPolicy(steps(stepOf(10.0, null, 3), stepOf(0.0, 10.0, 1))))
                .doesNotThrowAnyException(); // any order
        String member = "StepScalingPolicyConfiguration.StepAdjustments";
        refused(() -> ScalingRequestRules.checkPolicy(steps(stepOf(0.0, 10.0, 1), stepOf(20.0, null, 3))), member)
                .hasMessageContaining("a gap between 10.0 and 20.0");
        refused(() -> ScalingRequestRules.checkPolicy(steps(stepOf(0.0, 15.0, 1), stepOf(10.0, null, 3))), member)
                .hasMessageContaining("an overlap");
        refused(() -> ScalingRequestRules.checkPolicy(steps(stepOf(0.0, null, 1), stepOf(10.0, null, 3))), member);
        refused(() -> ScalingRequestRules.checkPolicy(steps(stepOf(null, 0.0, 1), stepOf(null, 10.0, 3))), member);
        refused(() -> ScalingRequestRules.checkPolicy(steps(stepOf(5.0, 5.0, 1))), member);
        refused(() -> ScalingRequestRules.checkPolicy(steps(new StepAdjustment(0.0, null, null))), member);
        refused(() -> ScalingRequestRules.checkPolicy(steps()), member);
        StepAdjustment[] many = new StepAdjustment[21];
        for (int i = 0; i < many.length; i++) {
            many[i] = stepOf((double) i, i == many.length - 1 ? null : (double) i + 1, 1);
        }
        refused(() -> ScalingRequestRules.checkPolicy(steps(many)), member).hasMessageContaining("at most 20");
    }

    @Test
    void stepPoliciesAdjustmentsAndAlarm() {
        refused(() -> ScalingRequestRules.checkPolicy(step("p", "Double", null, null, alarm(), stepOf(0.0, null, 1))),
                "StepScalingPolicyConfiguration.AdjustmentType");
        refused(() -> ScalingRequestRules.checkPolicy(step("p", CHANGE, 2, null, alarm(), stepOf(0.0, null, 1))),
                "StepScalingPolicyConfiguration.MinAdjustmentMagnitude");
        assertThatCode(() -> ScalingRequestRules.checkPolicy(step("p",
                StepScalingPolicyConfiguration.PERCENT_CHANGE_IN_CAPACITY, 2, null, alarm(), stepOf(0.0, null, 10))))
                .doesNotThrowAnyException();
        refused(() -> ScalingRequestRules.checkPolicy(step("p", StepScalingPolicyConfiguration.EXACT_CAPACITY, null,
                null, alarm(), stepOf(0.0, null, -1))), "StepScalingPolicyConfiguration.StepAdjustments");
        refused(() -> ScalingRequestRules.checkPolicy(step("p", CHANGE, null, null, null, stepOf(0.0, null, 1))), "Alarm");
        refused(() -> ScalingRequestRules.checkPolicy(step("p", CHANGE, null, null,
                cpuAlarm("a", 70, "Above", 1, null), stepOf(0.0, null, 1))), "Alarm.ComparisonOperator");
        refused(() -> ScalingRequestRules.checkPolicy(step("p", CHANGE, null, null,
                cpuAlarm("a", 70, "GreaterThanThreshold", 2, 3), stepOf(0.0, null, 1))), "Alarm.DatapointsToAlarm");
        refused(() -> ScalingRequestRules.checkPolicy(step("p", CHANGE, null, null,
                cpuAlarm("a", 70, "GreaterThanThreshold", 0, null), stepOf(0.0, null, 1))), "Alarm.EvaluationPeriods");
        refused(() -> ScalingRequestRules.checkPolicy(new ScalingPolicy("p", null, ScalingPolicy.STEP_SCALING,
                cpuTracking("x", 50, null, null, null).targetTrackingScalingPolicyConfiguration(), null, alarm(), T0)),
                "TargetTrackingScalingPolicyConfiguration");
    }

    @Test
    void scheduledActions() {
        assertThatCode(() -> ScalingRequestRules.checkScheduledAction(action("cron(0 9 * * ? *)", "Europe/Berlin",
                null, null, 2, 5))).doesNotThrowAnyException();
        assertThatCode(() -> ScalingRequestRules.checkScheduledAction(action("rate(5 minutes)", null, null, null, null,
                5))).doesNotThrowAnyException();
        refused(() -> ScalingRequestRules.checkScheduledAction(action("every 5 minutes", null, null, null, 1, 2)), "Schedule");
        refused(() -> ScalingRequestRules.checkScheduledAction(action("rate(1 minutes)", null, null, null, 1, 2)), "Schedule")
                .hasMessageContaining("singular");
        refused(() -> ScalingRequestRules.checkScheduledAction(action("cron(0 9 * * ? *)", "Mars/Base", null, null, 1, 2)),
                "Timezone");
        refused(() -> ScalingRequestRules.checkScheduledAction(action("at(2027-01-01T09:00:00)", null, null, null, null,
                null)), "ScalableTargetAction");
        refused(() -> ScalingRequestRules.checkScheduledAction(action("at(2027-01-01T09:00:00)", null, null, null, 5, 2)),
                "MinCapacity");
        Instant start = Instant.parse("2027-01-02T00:00:00Z");
        refused(() -> ScalingRequestRules.checkScheduledAction(action("rate(1 hour)", null, start, start.minusSeconds(1),
                1, 2)), "EndTime");
        refused(() -> ScalingRequestRules.checkScheduledAction(new ScheduledAction(" ", null, "rate(1 hour)", null, null,
                null, new ScalableTargetAction(1, 2), T0)), "ScheduledActionName");
    }

    private static ScalingPolicy tracking(TargetTrackingScalingPolicyConfiguration config) {
        return new ScalingPolicy("p", null, ScalingPolicy.TARGET_TRACKING, config, null, null, T0);
    }

    private static ScalingPolicy steps(StepAdjustment... steps) {
        return step("p", CHANGE, null, null, alarm(), steps);
    }

    private static io.longshore.common.scaling.ScalingAlarm alarm() {
        return cpuAlarm("high", 70, "GreaterThanThreshold", 1, null);
    }

    private static ScheduledAction action(String schedule, String zone, Instant start, Instant end, Integer min,
                                          Integer max) {
        return new ScheduledAction("a", null, schedule, zone, start, end, new ScalableTargetAction(min, max), T0);
    }
}
