package io.longshore.common.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * One closed period of a service's metric, as the autoscaler aggregated it, on
 * {@link Topics#METRIC_DATAPOINTS}, keyed {@code <cluster>/<serviceName>}. The control plane keeps
 * the recent ones for {@code GET .../services/{service}/metrics}. The same (service, metric,
 * dimensions, periodStart) published again replaces the earlier one.
 *
 * @param dimensions the metric's dimensions besides ClusterName and ServiceName (empty for AWS/ECS)
 */
public record MetricDatapoint(
        int schemaVersion,
        String cluster,
        String serviceName,
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        Instant periodStart,
        int periodSeconds,
        double average,
        double minimum,
        double maximum,
        double sum,
        long sampleCount,
        String unit) {
    public static final int SCHEMA_VERSION = 1;

    public MetricDatapoint(String cluster, String serviceName, String namespace, String metricName,
                           Map<String, String> dimensions, Instant periodStart, int periodSeconds, double average,
                           double minimum, double maximum, double sum, long sampleCount, String unit) {
        this(SCHEMA_VERSION, cluster, serviceName, namespace, metricName, dimensions, periodStart, periodSeconds,
                average, minimum, maximum, sum, sampleCount, unit);
    }

    public String key() {
        return MessageKeys.of(cluster, serviceName);
    }
}
