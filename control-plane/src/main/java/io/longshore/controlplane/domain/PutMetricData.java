package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.scaling.MetricDimension;
import java.time.Instant;
import java.util.List;

/** CloudWatch's PutMetricData, for the custom metrics of a cluster's services. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PutMetricData(String namespace, List<Datum> metricData) {

    /** One value; its {@code ServiceName} dimension names the service it belongs to. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record Datum(String metricName, List<MetricDimension> dimensions, Double value, String unit,
                        Instant timestamp) {
    }
}
