package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One step of a step scaling policy. Bounds are relative to the alarm's threshold (metric minus
 * threshold); a null lower bound is minus infinity, a null upper bound plus infinity. The lower
 * bound is inclusive and the upper exclusive when the step is above the threshold; the other way
 * round below it, as AWS defines them.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record StepAdjustment(Double metricIntervalLowerBound, Double metricIntervalUpperBound,
                             Integer scalingAdjustment) {
}
