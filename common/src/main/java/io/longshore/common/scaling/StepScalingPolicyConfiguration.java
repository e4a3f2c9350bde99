package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Step scaling: when the policy's alarm fires, the step whose interval holds (metric − threshold)
 * changes the capacity.
 *
 * @param adjustmentType         {@value #CHANGE_IN_CAPACITY}, {@value #EXACT_CAPACITY} or {@value #PERCENT_CHANGE_IN_CAPACITY}
 * @param minAdjustmentMagnitude only with {@value #PERCENT_CHANGE_IN_CAPACITY}: the least change in tasks
 * @param cooldown               seconds (default 300) after an activity before this policy acts again
 * @param metricAggregationType  {@code Average} (default), {@code Minimum} or {@code Maximum}
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record StepScalingPolicyConfiguration(
        String adjustmentType,
        List<StepAdjustment> stepAdjustments,
        Integer minAdjustmentMagnitude,
        Integer cooldown,
        String metricAggregationType) {
    public static final String CHANGE_IN_CAPACITY = "ChangeInCapacity";
    public static final String EXACT_CAPACITY = "ExactCapacity";
    public static final String PERCENT_CHANGE_IN_CAPACITY = "PercentChangeInCapacity";
    public static final int DEFAULT_COOLDOWN_SECONDS = 300;
}
