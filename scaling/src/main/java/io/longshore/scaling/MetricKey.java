package io.longshore.scaling;

import java.util.Map;
import java.util.TreeMap;

/**
 * One metric series of one service: a CloudWatch metric (namespace, name) with its dimensions
 * besides ClusterName and ServiceName, which {@code cluster} and {@code serviceName} carry.
 */
public record MetricKey(String cluster, String serviceName, String namespace, String metricName,
                        Map<String, String> dimensions) {
    public MetricKey {
        dimensions = dimensions == null ? Map.of() : Map.copyOf(new TreeMap<>(dimensions));
    }

    public static MetricKey of(String cluster, String serviceName, String namespace, String metricName) {
        return new MetricKey(cluster, serviceName, namespace, metricName, Map.of());
    }
}
