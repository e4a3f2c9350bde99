package io.longshore.scaling;

import static io.longshore.scaling.Fixtures.CPU;
import static io.longshore.scaling.Fixtures.MEMORY;
import static io.longshore.scaling.Fixtures.QUEUE;
import static io.longshore.scaling.Fixtures.T0;
import static io.longshore.scaling.Fixtures.clockAt;
import static io.longshore.scaling.Fixtures.cpuAlarm;
import static io.longshore.scaling.Fixtures.cpuTracking;
import static io.longshore.scaling.Fixtures.decisionAt;
import static io.longshore.scaling.Fixtures.memoryTracking;
import static io.longshore.scaling.Fixtures.queueTracking;
import static io.longshore.scaling.Fixtures.scheduled;
import static io.longshore.scaling.Fixtures.step;
import static io.longshore.scaling.Fixtures.stepOf;
import static io.longshore.scaling.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.SuspendedState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScalingEvaluatorTest {
    static final Instant NOW = T0.plus(Duration.ofHours(1)).plusSeconds(5);

    static Optional<ScalingDecision> evaluate(ScalingTarget target, int desired, MetricHistory history,
                                              ScalingDecision... decisions) {
        return evaluateAt(NOW, target, desired, history, decisions);
    }

    static Optional<ScalingDecision> evaluateAt(Instant now, ScalingTarget target, int desired, MetricHistory history,
                                                ScalingDecision... decisions) {
        return new ScalingEvaluator(clockAt(now)).evaluate(target, desired, history, List.of(decisions));
    }

    static Fixtures.History history() {
        return new Fixtures.History(NOW);
    }

    static ScalingTarget tracking(int min, int max, ScalingPolicy... policies) {
        return target(min, max, List.of(policies), List.of());
    }

    @Nested
    class TargetTracking {
        @Test
        void scalesOutProportionallyAfterThreeDatapointsAboveTarget() {
            ScalingDecision decision = evaluate(tracking(1, 10, cpuTracking("cpu50", 50, null, null, null)), 2,
                    history().with(CPU, 80.0, 85.0, 90.0)).orElseThrow();

            assertThat(decision.toCapacity()).isEqualTo(4); // ceil(2 × 90 / 50)
            assertThat(decision.fromCapacity()).isEqualTo(2);
            assertThat(decision.cause()).isEqualTo(ScalingDecision.POLICY);
            assertThat(decision.source()).isEqualTo("cpu50");
            assertThat(decision.description()).isEqualTo("Setting desired count to 4.");
            assertThat(decision.causeText()).isEqualTo("monitor alarm "
                    + AlarmNames.targetTracking("service/prod/web", "cpu50", AlarmNames.HIGH) + " in "
                    + "state ALARM triggered policy cpu50 changing the desired capacity from 2 to 4");
            assertThat(decision.causeText()).matches("monitor alarm TargetTracking-service/prod/web-AlarmHigh-"
                    + "[0-9a-f-]{36} in state .*");
            assertThat(decision.decidedAt()).isEqualTo(NOW);
        }

        @Test
        void needsAllThreeDatapointsAboveTargetAndPresent() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, null, null, null));
            assertThat(evaluate(target, 2, history().with(CPU, 40.0, 90.0, 90.0))).isEmpty();
            assertThat(evaluate(target, 2, history().with(CPU, 90.0, null, 90.0))).isEmpty();
            assertThat(evaluate(target, 2, history().with(CPU, 90.0, 90.0))).isEmpty();
            assertThat(evaluate(target, 2, history())).isEmpty();
        }

        @Test
        void aMetricExactlyAtAMultipleOfTheTargetDoesNotRoundUp() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu30", 30, null, null, null));
            // 3 × 0.1 / 0.1 style noise: 3 × 70 / 30 is 7 exactly
            assertThat(evaluate(target, 3, history().steady(CPU, 70, 3)).orElseThrow().toCapacity()).isEqualTo(7);
            assertThat(evaluate(target, 3, history().steady(CPU, 30, 15))).isEmpty();
        }

        @Test
        void staysWithinMaxCapacity() {
            ScalingDecision decision = evaluate(tracking(1, 3, cpuTracking("cpu50", 50, null, null, null)), 1,
                    history().steady(CPU, 400, 3)).orElseThrow();
            assertThat(decision.toCapacity()).isEqualTo(3);
            assertThat(evaluate(tracking(1, 3, cpuTracking("cpu50", 50, null, null, null)), 3,
                    history().steady(CPU, 400, 3))).isEmpty();
        }

        @Test
        void scalesInAfterFifteenDatapointsTenPercentBelowTarget() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, null, null, null));
            assertThat(evaluate(target, 4, history().steady(CPU, 20, 15)).orElseThrow().toCapacity()).isEqualTo(2);

            Double[] oneNearTarget = {20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 46.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0};
            assertThat(evaluate(target, 4, history().with(CPU, oneNearTarget))).isEmpty();
            assertThat(evaluate(target, 4, history().steady(CPU, 20, 14))).isEmpty();
        }

        @Test
        void neverScalesInBelowMinCapacity() {
            ScalingTarget target = tracking(2, 10, cpuTracking("cpu50", 50, null, null, null));
            assertThat(evaluate(target, 4, history().steady(CPU, 1, 15)).orElseThrow().toCapacity()).isEqualTo(2);
            assertThat(evaluate(target, 2, history().steady(CPU, 1, 15))).isEmpty();
        }

        @Test
        void disableScaleInKeepsTheCapacityButStillScalesOut() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, null, null, true));
            assertThat(evaluate(target, 4, history().steady(CPU, 5, 15))).isEmpty();
            assertThat(evaluate(target, 4, history().steady(CPU, 75, 3)).orElseThrow().toCapacity()).isEqualTo(6);
        }

        @Test
        void readsOnlyDatapointsMeasuredAfterTheLastChange() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, 0, 0, null));
            // the oldest of the three latest periods began a second before the last change: it measured the old count
            ScalingDecision change = decisionAt(NOW.minus(Duration.ofMinutes(3)).plusSeconds(1), ScalingDecision.POLICY,
                    "cpu50", 1, 2);
            assertThat(evaluate(target, 2, history().steady(CPU, 90, 3), change)).isEmpty();
            ScalingDecision older = decisionAt(NOW.minus(Duration.ofMinutes(3)), ScalingDecision.POLICY, "cpu50", 1, 2);
            assertThat(evaluate(target, 2, history().steady(CPU, 90, 3), older)).isPresent();
        }

        @Test
        void duringTheScaleOutCooldownOnlyALargerScaleOutFollows() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, 600, 0, null));
            ScalingDecision out = decisionAt(NOW.minus(Duration.ofMinutes(5)), ScalingDecision.POLICY, "cpu50", 2, 4);
            // someone set the desired count down to 2 meanwhile; 3 is not larger than the 4 of the cooldown's scale-out
            assertThat(evaluate(target, 2, history().steady(CPU, 70, 3), out)).isEmpty();
            assertThat(evaluate(target, 4, history().steady(CPU, 70, 3), out).orElseThrow().toCapacity()).isEqualTo(6);
        }

        @Test
        void noScaleInDuringAScaleOutCooldown() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, 1200, 0, null));
            ScalingDecision out = decisionAt(NOW.minus(Duration.ofMinutes(16)), ScalingDecision.POLICY, "cpu50", 2, 4);
            assertThat(evaluate(target, 4, history().steady(CPU, 10, 15), out)).isEmpty();
            ScalingTarget shorter = tracking(1, 10, cpuTracking("cpu50", 50, 600, 0, null));
            assertThat(evaluate(shorter, 4, history().steady(CPU, 10, 15), out)).isPresent();
        }

        @Test
        void scaleInCooldownBlocksScaleInButAScaleOutInterruptsIt() {
            ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, 0, 1200, null));
            ScalingDecision in = decisionAt(NOW.minus(Duration.ofMinutes(16)), ScalingDecision.POLICY, "cpu50", 6, 4);
            assertThat(evaluate(target, 4, history().steady(CPU, 10, 15), in)).isEmpty();
            assertThat(evaluate(target, 4, history().steady(CPU, 80, 3), in).orElseThrow().toCapacity()).isEqualTo(7);
            ScalingDecision longAgo = decisionAt(NOW.minus(Duration.ofMinutes(21)), ScalingDecision.POLICY, "cpu50", 6, 4);
            assertThat(evaluate(target, 4, history().steady(CPU, 10, 15), longAgo)).isPresent();
        }

        @Test
        void tracksACustomMetricWithTheGivenStatistic() {
            ScalingTarget target = tracking(0, 20, queueTracking("queue", 100));
            assertThat(evaluate(target, 2, history().steady(QUEUE, 450, 3)).orElseThrow().toCapacity()).isEqualTo(9);
            // from zero tasks it counts as one, as KEDA's lag scaler does: ceil(lag / target)
            assertThat(evaluate(target, 0, history().steady(QUEUE, 250, 3)).orElseThrow().toCapacity()).isEqualTo(3);
        }
    }

    @Nested
    class SeveralPolicies {
        @Test
        void outWhenAnySaysOutTakingTheLargest() {
            ScalingTarget target = tracking(1, 20, cpuTracking("cpu50", 50, 0, 0, null), memoryTracking("mem50", 50));
            MetricHistory history = history().steady(CPU, 75, 15).steady(MEMORY, 150, 3);
            ScalingDecision decision = evaluate(target, 4, history).orElseThrow();
            assertThat(decision.toCapacity()).isEqualTo(12);
            assertThat(decision.source()).isEqualTo("mem50");
        }

        @Test
        void inOnlyWhenAllAgreeTakingTheLargest() {
            ScalingTarget target = tracking(1, 20, cpuTracking("cpu50", 50, 0, 0, null), memoryTracking("mem50", 50));
            assertThat(evaluate(target, 4, history().steady(CPU, 10, 15).steady(MEMORY, 48, 15))).isEmpty();
            ScalingDecision decision = evaluate(target, 4, history().steady(CPU, 10, 15).steady(MEMORY, 30, 15))
                    .orElseThrow();
            assertThat(decision.toCapacity()).isEqualTo(3); // ceil(4 × 30 / 50) beats ceil(4 × 10 / 50)
            assertThat(decision.source()).isEqualTo("mem50");
        }

        @Test
        void aPolicyThatMayNotScaleInDoesNotHoldTheOthersBack() {
            ScalingTarget target = tracking(1, 20, cpuTracking("cpu50", 50, 0, 0, true), memoryTracking("mem50", 50));
            assertThat(evaluate(target, 4, history().steady(CPU, 48, 15).steady(MEMORY, 10, 15))
                    .orElseThrow().toCapacity()).isEqualTo(1);
        }
    }

    @Nested
    class StepScaling {
        final ScalingPolicy highCpu = step("cpu-high", StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY, null, 0,
                cpuAlarm("web-cpu-high", 70, "GreaterThanThreshold", 1, null),
                stepOf(0.0, 10.0, 1), stepOf(10.0, null, 3));

        @Test
        void takesTheStepThatHoldsTheDistanceFromTheThreshold() {
            ScalingTarget target = tracking(1, 10, highCpu);
            assertThat(evaluate(target, 2, history().with(CPU, 75.0)).orElseThrow().toCapacity()).isEqualTo(3);
            assertThat(evaluate(target, 2, history().with(CPU, 80.0)).orElseThrow().toCapacity()).isEqualTo(5);
            assertThat(evaluate(target, 2, history().with(CPU, 70.0))).isEmpty();
            ScalingDecision decision = evaluate(target, 2, history().with(CPU, 95.0)).orElseThrow();
            assertThat(decision.causeText()).isEqualTo("monitor alarm web-cpu-high in state ALARM triggered policy "
                    + "cpu-high changing the desired capacity from 2 to 5");
        }

        @Test
        void belowTheThresholdTheUpperBoundIsInclusive() {
            ScalingPolicy lowCpu = step("cpu-low", StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY, null, 0,
                    cpuAlarm("web-cpu-low", 30, "LessThanOrEqualToThreshold", 1, null),
                    stepOf(-10.0, 0.0, -1), stepOf(null, -10.0, -2));
            ScalingTarget target = tracking(1, 10, lowCpu);
            assertThat(evaluate(target, 5, history().with(CPU, 30.0)).orElseThrow().toCapacity()).isEqualTo(4);
            assertThat(evaluate(target, 5, history().with(CPU, 20.0)).orElseThrow().toCapacity()).isEqualTo(3);
            assertThat(evaluate(target, 5, history().with(CPU, 25.0)).orElseThrow().toCapacity()).isEqualTo(4);
        }

        @Test
        void alarmsOnMOfNDatapoints() {
            ScalingPolicy twoOfThree = step("cpu-high", StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY, null, 0,
                    cpuAlarm("high", 70, "GreaterThanOrEqualToThreshold", 3, 2), stepOf(0.0, null, 1));
            ScalingTarget target = tracking(1, 10, twoOfThree);
            assertThat(evaluate(target, 2, history().with(CPU, 80.0, 50.0, 80.0))).isPresent();
            assertThat(evaluate(target, 2, history().with(CPU, 80.0, null, 70.0))).isPresent();
            assertThat(evaluate(target, 2, history().with(CPU, 80.0, 50.0, 50.0))).isEmpty();
        }

        @Test
        void exactCapacitySetsTheCount() {
            ScalingPolicy exact = step("burst", StepScalingPolicyConfiguration.EXACT_CAPACITY, null, 0,
                    cpuAlarm("high", 70, "GreaterThanThreshold", 1, null), stepOf(0.0, null, 6));
            assertThat(evaluate(tracking(1, 10, exact), 2, history().with(CPU, 99.0)).orElseThrow().toCapacity())
                    .isEqualTo(6);
            assertThat(evaluate(tracking(1, 4, exact), 2, history().with(CPU, 99.0)).orElseThrow().toCapacity())
                    .isEqualTo(4);
        }

        @Test
        void percentChangeRoundsAsAwsDoesAndHonoursMinAdjustmentMagnitude() {
            assertThat(ScalingEvaluator.percentChange(10, 15)).isEqualTo(1);   // 1.5 rounds down
            assertThat(ScalingEvaluator.percentChange(10, 30)).isEqualTo(3);
            assertThat(ScalingEvaluator.percentChange(3, 10)).isEqualTo(1);    // 0.3 becomes 1
            assertThat(ScalingEvaluator.percentChange(3, -10)).isEqualTo(-1);  // -0.3 becomes -1
            assertThat(ScalingEvaluator.percentChange(10, -25)).isEqualTo(-2); // -2.5 rounds up
            assertThat(ScalingEvaluator.percentChange(10, -15)).isEqualTo(-1);
            assertThat(ScalingEvaluator.percentChange(0, 50)).isZero();
            StepScalingPolicyConfiguration percent = new StepScalingPolicyConfiguration(
                    StepScalingPolicyConfiguration.PERCENT_CHANGE_IN_CAPACITY, List.of(), 2, 0, null);
            assertThat(ScalingEvaluator.adjusted(4, percent, 10)).isEqualTo(6);  // 0.4 → 1 → at least 2
            assertThat(ScalingEvaluator.adjusted(4, percent, -10)).isEqualTo(2);
            assertThat(ScalingEvaluator.adjusted(40, percent, 50)).isEqualTo(60);
        }

        @Test
        void waitsOutItsCooldownAfterItsOwnActivity() {
            ScalingPolicy withCooldown = step("cpu-high", StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY, null, 120,
                    cpuAlarm("high", 70, "GreaterThanThreshold", 1, null), stepOf(0.0, null, 1));
            ScalingTarget target = tracking(1, 10, withCooldown);
            ScalingDecision recent = decisionAt(NOW.minusSeconds(60), ScalingDecision.POLICY, "cpu-high", 2, 3);
            assertThat(evaluate(target, 3, history().with(CPU, 90.0), recent)).isEmpty();
            ScalingDecision old = decisionAt(NOW.minusSeconds(121), ScalingDecision.POLICY, "cpu-high", 2, 3);
            assertThat(evaluate(target, 3, history().with(CPU, 90.0), old).orElseThrow().toCapacity()).isEqualTo(4);
        }
    }

    @Nested
    class ScheduledActions {
        @Test
        void aDueActionSetsMinAndMaxAndClampsTheCapacity() {
            ScalingTarget target = target(1, 5, List.of(), List.of(scheduled("raise-min", "at(2026-12-01T10:30:00)", 3, null)));
            ScalingDecision decision = evaluate(target, 1, history()).orElseThrow();
            assertThat(decision.cause()).isEqualTo(ScalingDecision.SCHEDULED_ACTION);
            assertThat(decision.toCapacity()).isEqualTo(3);
            assertThat(decision.newMinCapacity()).isEqualTo(3);
            assertThat(decision.newMaxCapacity()).isEqualTo(5);
            assertThat(decision.description()).isEqualTo("Setting desired count to 3.");
            assertThat(decision.causeText()).isEqualTo("scheduled action raise-min (at(2026-12-01T10:30:00)) set min "
                    + "capacity to 3 and max capacity to 5, changing the desired capacity from 1 to 3");
        }

        @Test
        void isTakenOnceAndNotBeforeItIsDue() {
            ScalingTarget target = target(1, 5, List.of(), List.of(scheduled("raise-min", "at(2026-12-01T10:30:00)", 3, null)));
            assertThat(evaluateAt(Instant.parse("2026-12-01T10:29:59Z"), target, 1, history())).isEmpty();
            ScalingDecision taken = evaluateAt(Instant.parse("2026-12-01T10:30:02Z"), target, 1, history()).orElseThrow();
            assertThat(evaluate(target, 3, history(), taken)).isEmpty();
            // the same occurrence decided again (after a restart) has the same activity id
            assertThat(evaluateAt(Instant.parse("2026-12-01T10:31:00Z"), target, 1, history()).orElseThrow().activityId())
                    .isEqualTo(taken.activityId());
        }

        @Test
        void loweringTheMaximumBelowTheCapacityScalesIn() {
            ScalingTarget target = target(1, 5, List.of(), List.of(scheduled("night", "at(2026-12-01T10:30:00)", null, 2)));
            ScalingDecision decision = evaluate(target, 5, history()).orElseThrow();
            assertThat(decision.toCapacity()).isEqualTo(2);
            assertThat(decision.newMinCapacity()).isEqualTo(1);
            assertThat(decision.newMaxCapacity()).isEqualTo(2);
        }

        @Test
        void aMinimumAboveTheMaximumRaisesTheMaximum() {
            ScalingTarget target = target(1, 5, List.of(), List.of(scheduled("burst", "at(2026-12-01T10:30:00)", 7, null)));
            ScalingDecision decision = evaluate(target, 2, history()).orElseThrow();
            assertThat(decision.newMaxCapacity()).isEqualTo(7);
            assertThat(decision.toCapacity()).isEqualTo(7);
        }

        @Test
        void anActionThatChangesOnlyTheBoundsIsStillRecorded() {
            ScalingTarget target = target(1, 5, List.of(), List.of(scheduled("wider", "at(2026-12-01T10:30:00)", null, 9)));
            ScalingDecision decision = evaluate(target, 2, history()).orElseThrow();
            assertThat(decision.toCapacity()).isEqualTo(2);
            assertThat(decision.description()).isEqualTo("Setting min capacity to 1 and max capacity to 9.");
        }

        @Test
        void rateActionsRecurFromTheirStart() {
            ScalingTarget target = target(1, 5, List.of(), List.of(scheduled("pulse", "rate(5 minutes)", 2, null)));
            Instant firstDue = T0.plus(Duration.ofMinutes(10)); // 10:10, the latest tick before 10:12
            ScalingDecision first = evaluateAt(T0.plus(Duration.ofMinutes(12)), target, 1, history()).orElseThrow();
            assertThat(first.causeText()).contains("pulse");
            assertThat(evaluateAt(T0.plus(Duration.ofMinutes(14)), target, 2, history(), first)).isEmpty();
            ScalingDecision next = evaluateAt(T0.plus(Duration.ofMinutes(15)), target, 2, history(), first).orElseThrow();
            assertThat(next.activityId()).isNotEqualTo(first.activityId());
            assertThat(first.decidedAt()).isAfter(firstDue);
        }

        @Test
        void cronActionsFollowTheirTimeZone() {
            ScheduledAction nine = new ScheduledAction("morning", null, "cron(0 9 * * ? *)", "Europe/Berlin", null, null,
                    new ScalableTargetAction(4, null), T0);
            ScalingTarget target = target(1, 10, List.of(), List.of(nine));
            assertThat(evaluateAt(Instant.parse("2026-12-02T07:59:00Z"), target, 1, history())).isEmpty();
            assertThat(evaluateAt(Instant.parse("2026-12-02T08:00:30Z"), target, 1, history()).orElseThrow()
                    .toCapacity()).isEqualTo(4);
        }

        @Test
        void notAfterItsEndNorWhileSuspended() {
            ScheduledAction ended = new ScheduledAction("late", null, "at(2026-12-01T10:30:00)", null, null,
                    Instant.parse("2026-12-01T10:15:00Z"), new ScalableTargetAction(3, null), T0);
            assertThat(evaluate(target(1, 5, List.of(), List.of(ended)), 1, history())).isEmpty();
            ScalingTarget suspended = target(1, 5, new SuspendedState(false, false, true), List.of(),
                    List.of(scheduled("raise-min", "at(2026-12-01T10:30:00)", 3, null)));
            assertThat(evaluate(suspended, 1, history())).isEmpty();
        }

        @Test
        void comeBeforePoliciesAndIgnoreTheirCooldowns() {
            ScalingTarget target = target(1, 10, List.of(cpuTracking("cpu50", 50, 300, 300, null)),
                    List.of(scheduled("raise-min", "at(2026-12-01T10:30:00)", 3, null)));
            ScalingDecision recentIn = decisionAt(NOW.minusSeconds(30), ScalingDecision.POLICY, "cpu50", 2, 1);
            ScalingDecision decision = evaluate(target, 1, history().steady(CPU, 90, 3), recentIn).orElseThrow();
            assertThat(decision.cause()).isEqualTo(ScalingDecision.SCHEDULED_ACTION);
        }
    }

    @Test
    void suspendedDynamicScalingDecidesNothingInThatDirection() {
        ScalingPolicy policy = cpuTracking("cpu50", 50, 0, 0, null);
        ScalingTarget noOut = target(1, 10, new SuspendedState(false, true, false), List.of(policy), List.of());
        assertThat(evaluate(noOut, 2, history().steady(CPU, 90, 15))).isEmpty();
        assertThat(evaluate(noOut, 4, history().steady(CPU, 10, 15))).isPresent();
        ScalingTarget noIn = target(1, 10, new SuspendedState(true, false, false), List.of(policy), List.of());
        assertThat(evaluate(noIn, 4, history().steady(CPU, 10, 15))).isEmpty();
    }

    @Test
    void aDeregisteredTargetDecidesNothing() {
        ScalingTarget gone = new ScalingTarget("prod", "web", ScalingTarget.DEREGISTERED, 1, 10, SuspendedState.NONE,
                List.of(cpuTracking("cpu50", 50, 0, 0, null)), List.of(), T0);
        assertThat(evaluate(gone, 2, history().steady(CPU, 90, 3))).isEmpty();
    }

    @Test
    void theSameInputsGiveTheSameActivityId() {
        ScalingTarget target = tracking(1, 10, cpuTracking("cpu50", 50, null, null, null));
        String first = evaluate(target, 2, history().steady(CPU, 90, 3)).orElseThrow().activityId();
        String again = evaluateAt(NOW.plusSeconds(10), target, 2, history().steady(CPU, 90, 3)).orElseThrow().activityId();
        assertThat(again).isEqualTo(first);
    }
}
