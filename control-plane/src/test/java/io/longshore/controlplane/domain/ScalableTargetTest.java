package io.longshore.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.SuspendedState;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.scaling.InvalidScalingRequestException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of scalable targets, their policies, and carrying out decisions. */
class ScalableTargetTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);

    static ScalableTarget target(int min, int max) {
        return ScalableTarget.register("prod", "web", new RegisterScalableTarget(min, max, null), "arn:t", T0);
    }

    static Service service(int desiredCount) {
        return Service.create("prod", "web", Service.REPLICA, "arn:td", desiredCount, List.of(), List.of(),
                DeploymentConfiguration.defaults(), 0, "d1", T0);
    }

    static ScalingDecision decision(String cause, int to, Integer newMin, Integer newMax) {
        return new ScalingDecision(1, "a1", "prod", "web", "service/prod/web", cause, "p", 2, to, newMin, newMax,
                "Setting desired count to " + to + ".", "because", T0);
    }

    @Test
    void aNewTargetNeedsBothCapacitiesAndStartsWithNothingSuspended() {
        assertThatThrownBy(() -> ScalableTarget.register("prod", "web", new RegisterScalableTarget(1, null, null), "a", T0))
                .isInstanceOf(InvalidScalingRequestException.class).hasMessageStartingWith("MaxCapacity: ");
        assertThatThrownBy(() -> ScalableTarget.register("prod", "web", new RegisterScalableTarget(null, 3, null), "a", T0))
                .hasMessageStartingWith("MinCapacity: ");
        assertThatThrownBy(() -> target(3, 2)).hasMessageStartingWith("MinCapacity: must not be greater");
        ScalableTarget t = target(1, 3);
        assertThat(t.suspendedState()).isEqualTo(SuspendedState.NONE);
        assertThat(t.resourceId()).isEqualTo("service/prod/web");
    }

    @Test
    void registeringAgainKeepsWhatTheRequestOmits() {
        ScalableTarget t = target(1, 3).reregister(new RegisterScalableTarget(null, 6,
                new SuspendedState(true, null, null)), T1);
        assertThat(t.minCapacity()).isEqualTo(1);
        assertThat(t.maxCapacity()).isEqualTo(6);
        assertThat(t.suspendedState()).isEqualTo(new SuspendedState(true, false, false));
        assertThat(t.createdAt()).isEqualTo(T0);
        assertThat(t.updatedAt()).isEqualTo(T1);
        ScalableTarget again = t.reregister(new RegisterScalableTarget(2, null, new SuspendedState(null, true, null)), T1);
        assertThat(again.suspendedState()).isEqualTo(new SuspendedState(true, true, false));
        assertThat(again.reregister(new RegisterScalableTarget(null, null, null), T1).suspendedState())
                .isEqualTo(new SuspendedState(true, true, false));
        // Checked against what it keeps: a minimum above the kept maximum is refused.
        assertThatThrownBy(() -> t.reregister(new RegisterScalableTarget(7, null, null), T1))
                .hasMessage("MinCapacity: must not be greater than MaxCapacity (7 > 6)");
    }

    @Test
    void aScheduledActionsCapacitiesMakeTheOtherSideGiveWay() {
        ScalableTarget t = target(1, 3);
        assertThat(t.withScheduledCapacities(5, null, T1)).extracting(ScalableTarget::minCapacity,
                ScalableTarget::maxCapacity).containsExactly(5, 5);
        assertThat(t.withScheduledCapacities(null, 0, T1)).extracting(ScalableTarget::minCapacity,
                ScalableTarget::maxCapacity).containsExactly(0, 0);
        assertThat(t.withScheduledCapacities(2, 8, T1)).extracting(ScalableTarget::minCapacity,
                ScalableTarget::maxCapacity).containsExactly(2, 8);
        assertThat(t.clamp(0)).isEqualTo(1);
        assertThat(t.clamp(2)).isEqualTo(2);
        assertThat(t.clamp(9)).isEqualTo(3);
    }

    @Test
    void aDecisionIsCarriedOutWithinTheTargetsRange() {
        ScalingDecisionPlan plan = ScalingDecisionPlan.of(decision(ScalingDecision.POLICY, 3, null, null),
                target(1, 5), service(2), T1);
        assertThat(plan.statusCode()).isEqualTo("Successful");
        assertThat(plan.desiredCount()).isEqualTo(3);
        assertThat(plan.target()).isNull();
        assertThat(plan.description()).isEqualTo("Setting desired count to 3.");

        // The user narrowed the range since: the count stays inside it, and the activity says what was set.
        ScalingDecisionPlan narrowed = ScalingDecisionPlan.of(decision(ScalingDecision.POLICY, 5, null, null),
                target(1, 4), service(2), T1);
        assertThat(narrowed.desiredCount()).isEqualTo(4);
        assertThat(narrowed.description()).isEqualTo("Setting desired count to 4.");

        // Already there: nothing to change, still an activity.
        assertThat(ScalingDecisionPlan.of(decision(ScalingDecision.POLICY, 2, null, null), target(1, 4), service(2), T1)
                .desiredCount()).isNull();
    }

    @Test
    void aScheduledDecisionChangesTheTarget() {
        ScalingDecisionPlan plan = ScalingDecisionPlan.of(decision(ScalingDecision.SCHEDULED_ACTION, 4, 4, null),
                target(1, 5), service(2), T1);
        assertThat(plan.target().minCapacity()).isEqualTo(4);
        assertThat(plan.target().maxCapacity()).isEqualTo(5);
        assertThat(plan.target().updatedAt()).isEqualTo(T1);
        assertThat(plan.desiredCount()).isEqualTo(4);
        // A policy's decision never moves the capacities, whatever it carries.
        assertThat(ScalingDecisionPlan.of(decision(ScalingDecision.POLICY, 4, 4, null), target(1, 5), service(2), T1)
                .target()).isNull();
    }

    @Test
    void aDecisionForATargetOrServiceThatIsGoneFails() {
        ScalingDecisionPlan noTarget = ScalingDecisionPlan.of(decision(ScalingDecision.POLICY, 3, null, null), null,
                service(2), T1);
        assertThat(noTarget.statusCode()).isEqualTo("Failed");
        assertThat(noTarget.statusMessage()).contains("no scalable target is registered for service/prod/web");
        assertThat(noTarget.desiredCount()).isNull();
        ScalingDecisionPlan draining = ScalingDecisionPlan.of(decision(ScalingDecision.POLICY, 3, null, null),
                target(1, 5), service(2).drain(T1), T1);
        assertThat(draining.statusCode()).isEqualTo("Failed");
        assertThat(draining.statusMessage()).contains("the service is DRAINING");
        assertThat(draining.desiredCount()).isNull();
    }

    @Test
    void aPolicyPutAgainKeepsItsArnCreationTimeAndTargetTrackingAlarms() {
        ScalingPolicy tracking = new ScalingPolicy("cpu", null, ScalingPolicy.TARGET_TRACKING,
                new TargetTrackingScalingPolicyConfiguration(50.0, null, null, null, null, null), null, null, null);
        TargetPolicy first = TargetPolicy.put("service/prod/web", tracking, null, T0);
        assertThat(first.alarms()).hasSize(2);
        assertThat(first.policy().creationTime()).isEqualTo(T0);
        TargetPolicy again = TargetPolicy.put("service/prod/web", tracking, first, T1);
        assertThat(again.policy().policyARN()).isEqualTo(first.policy().policyARN());
        assertThat(again.policy().creationTime()).isEqualTo(T0);
        assertThat(again.alarms()).isEqualTo(first.alarms());

        ScalingPolicy step = new ScalingPolicy("cpu", null, ScalingPolicy.STEP_SCALING, null,
                new StepScalingPolicyConfiguration("ChangeInCapacity", List.of(), null, null, null),
                new ScalingAlarm(null, "CPUUtilization", "AWS/ECS", null, "Average", 80.0,
                        "GreaterThanThreshold", 1, null), null);
        TargetPolicy asStep = TargetPolicy.put("service/prod/web", step, again, T1);
        assertThat(asStep.policy().policyARN()).isEqualTo(first.policy().policyARN());
        assertThat(asStep.policy().targetTrackingScalingPolicyConfiguration()).isNull();
        assertThat(asStep.policy().alarm().alarmName()).isEqualTo("Step-service/prod/web-cpu");
        assertThat(asStep.alarms()).containsExactly(new PolicyAlarm("Step-service/prod/web-cpu",
                "arn:aws:cloudwatch:local:000000000000:alarm:Step-service/prod/web-cpu"));
    }
}
