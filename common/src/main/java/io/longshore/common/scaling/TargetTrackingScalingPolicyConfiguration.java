package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Target tracking: keep the metric at {@code targetValue}. Exactly one of the two metric
 * specifications. Cooldowns in seconds (default 300 each); null members take AWS's defaults.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record TargetTrackingScalingPolicyConfiguration(
        Double targetValue,
        PredefinedMetricSpecification predefinedMetricSpecification,
        CustomizedMetricSpecification customizedMetricSpecification,
        Integer scaleOutCooldown,
        Integer scaleInCooldown,
        Boolean disableScaleIn) {
    public static final int DEFAULT_COOLDOWN_SECONDS = 300;
}
