package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;

/** PutScalingPolicy's body; the policy's name comes from the path. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PutScalingPolicy(
        String policyType,
        TargetTrackingScalingPolicyConfiguration targetTrackingScalingPolicyConfiguration,
        StepScalingPolicyConfiguration stepScalingPolicyConfiguration,
        ScalingAlarm alarm) {

    /** The policy as asked for, without the ARN and creation time the control plane gives it. */
    public ScalingPolicy named(String policyName) {
        return new ScalingPolicy(policyName, null, policyType, targetTrackingScalingPolicyConfiguration,
                stepScalingPolicyConfiguration, alarm, null);
    }
}
