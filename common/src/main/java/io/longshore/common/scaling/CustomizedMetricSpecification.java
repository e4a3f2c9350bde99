package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A metric of the service's own (put with PutMetricData) or a built-in one: namespace
 * {@value io.longshore.common.scaling.Metrics#NAMESPACE_KAFKA}, metric
 * {@value io.longshore.common.scaling.Metrics#CONSUMER_LAG} with dimensions {@code Topic} and
 * {@code ConsumerGroup}, which the autoscaler reads from Kafka itself.
 *
 * @param statistic {@code Average}, {@code Minimum}, {@code Maximum}, {@code Sum} or {@code SampleCount}
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record CustomizedMetricSpecification(String metricName, String namespace, List<MetricDimension> dimensions,
                                            String statistic, String unit) {
}
