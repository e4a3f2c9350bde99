package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Map;

/**
 * One raw measurement on {@link Topics#METRICS}. The autoscaler aggregates them into per-period
 * datapoints ({@link MetricDatapoint}) per service.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MetricSample.TaskUsage.class, name = "TaskUsage"),
        @JsonSubTypes.Type(value = MetricSample.MetricData.class, name = "MetricData")
})
public sealed interface MetricSample {
    int SCHEMA_VERSION = 1;

    String cluster();

    Instant timestamp();

    /**
     * A running task's usage, sampled by its agent from the container engine, keyed
     * {@code <cluster>/<taskId>}. Utilization is relative to what the task reserved: CPU used over the
     * task's CPU units (its containers' cpu, or the host's share when none is set), memory used over
     * its memory (hard limit, else reservation), in percent; it may exceed 100 for CPU.
     *
     * @param group the task's group ({@code service:<name>} for a service's task)
     */
    record TaskUsage(int schemaVersion, String cluster, String taskId, String group, String containerInstanceId,
                     double cpuUtilization, double memoryUtilization, double cpuUnitsUsed, double memoryMiBUsed,
                     Instant timestamp) implements MetricSample {
        public TaskUsage(String cluster, String taskId, String group, String containerInstanceId,
                         double cpuUtilization, double memoryUtilization, double cpuUnitsUsed, double memoryMiBUsed,
                         Instant timestamp) {
            this(SCHEMA_VERSION, cluster, taskId, group, containerInstanceId, cpuUtilization, memoryUtilization,
                    cpuUnitsUsed, memoryMiBUsed, timestamp);
        }

        public String key() {
            return MessageKeys.of(cluster, taskId);
        }
    }

    /**
     * A custom metric's value for one service (PutMetricData through the control plane), keyed
     * {@code <cluster>/<serviceName>}. dimensions: besides ClusterName and ServiceName, which
     * {@code cluster} and {@code serviceName} carry.
     */
    record MetricData(int schemaVersion, String cluster, String serviceName, String namespace, String metricName,
                      Map<String, String> dimensions, double value, String unit, Instant timestamp)
            implements MetricSample {
        public MetricData(String cluster, String serviceName, String namespace, String metricName,
                          Map<String, String> dimensions, double value, String unit, Instant timestamp) {
            this(SCHEMA_VERSION, cluster, serviceName, namespace, metricName, dimensions, value, unit, timestamp);
        }

        public String key() {
            return MessageKeys.of(cluster, serviceName);
        }
    }
}
