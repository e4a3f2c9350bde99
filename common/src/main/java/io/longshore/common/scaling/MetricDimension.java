package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A CloudWatch dimension: {@code ClusterName}, {@code ServiceName}, or a custom metric's own. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record MetricDimension(String name, String value) {
}
