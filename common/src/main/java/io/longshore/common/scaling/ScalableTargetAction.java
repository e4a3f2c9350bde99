package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What a scheduled action sets: a new minimum, maximum, or both; the capacity is clamped into them. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record ScalableTargetAction(Integer minCapacity, Integer maxCapacity) {
}
