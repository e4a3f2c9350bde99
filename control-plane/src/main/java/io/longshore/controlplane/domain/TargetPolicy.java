package io.longshore.controlplane.domain;

import io.longshore.common.scaling.ScalingPolicy;
import java.time.Instant;
import java.util.List;

/** A scalable target's scaling policy as the control plane keeps it: the policy and its alarms. */
public record TargetPolicy(ScalingPolicy policy, List<PolicyAlarm> alarms) {

    public TargetPolicy {
        alarms = List.copyOf(alarms);
    }

    /**
     * PutScalingPolicy, the request already checked: a new policy gets an ARN and its alarms (target
     * tracking: a high and a low one; step scaling: its own alarm); one put again under its name keeps
     * its ARN and creation time (target tracking's alarm names follow from the target and the policy).
     */
    public static TargetPolicy put(String resourceId, ScalingPolicy requested, TargetPolicy existing, Instant now) {
        String arn = existing != null ? existing.policy().policyARN()
                : ScalingArns.newPolicy(resourceId, requested.policyName());
        Instant created = existing != null ? existing.policy().creationTime() : now;
        if (ScalingPolicy.TARGET_TRACKING.equals(requested.policyType())) {
            ScalingPolicy policy = new ScalingPolicy(requested.policyName(), arn, requested.policyType(),
                    requested.targetTrackingScalingPolicyConfiguration(), null, null, created);
            return new TargetPolicy(policy, ScalingArns.targetTrackingAlarms(resourceId, requested.policyName()));
        }
        var alarm = ScalingArns.namedStepAlarm(resourceId, requested.policyName(), requested.alarm());
        ScalingPolicy policy = new ScalingPolicy(requested.policyName(), arn, requested.policyType(), null,
                requested.stepScalingPolicyConfiguration(), alarm, created);
        return new TargetPolicy(policy, List.of(new PolicyAlarm(alarm.alarmName(), ScalingArns.alarm(alarm.alarmName()))));
    }
}
