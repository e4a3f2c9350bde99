package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.scaling.SuspendedState;

/**
 * Application Auto Scaling's RegisterScalableTarget for a service (the service comes from the path).
 * On a registered target an absent member keeps its value; a new target needs both capacities.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record RegisterScalableTarget(Integer minCapacity, Integer maxCapacity, SuspendedState suspendedState) {
}
