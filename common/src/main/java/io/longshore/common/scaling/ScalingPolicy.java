package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A scaling policy of one scalable target, as PutScalingPolicy takes it and DescribeScalingPolicies
 * shows it.
 *
 * @param policyType {@value #TARGET_TRACKING} (with its configuration) or {@value #STEP_SCALING}
 *                   (with its configuration and {@code alarm})
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record ScalingPolicy(
        String policyName,
        String policyARN,
        String policyType,
        TargetTrackingScalingPolicyConfiguration targetTrackingScalingPolicyConfiguration,
        StepScalingPolicyConfiguration stepScalingPolicyConfiguration,
        ScalingAlarm alarm,
        Instant creationTime) {
    public static final String TARGET_TRACKING = "TargetTrackingScaling";
    public static final String STEP_SCALING = "StepScaling";
}
