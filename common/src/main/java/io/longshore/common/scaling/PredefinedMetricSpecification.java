package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A predefined metric of target tracking: {@value #ECS_CPU} or {@value #ECS_MEMORY}, the average over
 * the service's running tasks of their usage relative to their reservation, in percent.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PredefinedMetricSpecification(String predefinedMetricType, String resourceLabel) {
    public static final String ECS_CPU = "ECSServiceAverageCPUUtilization";
    public static final String ECS_MEMORY = "ECSServiceAverageMemoryUtilization";
}
