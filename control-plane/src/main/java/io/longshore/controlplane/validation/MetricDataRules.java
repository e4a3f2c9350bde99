package io.longshore.controlplane.validation;

import io.longshore.common.messaging.MetricSample;
import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.MetricDimension;
import io.longshore.controlplane.domain.PutMetricData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** PutMetricData's rules, with CloudWatch's limits. Pure. */
public final class MetricDataRules {
    public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValueException";
    public static final int MAX_DATA = 1000;
    public static final int MAX_DIMENSIONS = 30;
    public static final int MAX_NAME_LENGTH = 255;
    /** CloudWatch takes values up to two weeks old and two hours ahead. */
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    private MetricDataRules() {
    }

    /**
     * The rules that need nothing but the request: every datum is a service's (a ServiceName
     * dimension; a ClusterName one, if any, the path's cluster); the namespace is not AWS's.
     *
     * @return one MetricData per datum, its timestamp {@code now} where it has none
     */
    public static List<MetricSample.MetricData> validate(String cluster, PutMetricData request, Instant now) {
        Violations v = new Violations();
        String namespace = request.namespace();
        if (Violations.isBlank(namespace)) {
            v.add("Namespace", "is required");
        } else if (namespace.length() > MAX_NAME_LENGTH) {
            v.add("Namespace", "must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (namespace.startsWith("AWS/")) {
            v.add("Namespace", "must not start with AWS/, which is reserved for AWS's (and Longshore's) own metrics");
        }
        List<PutMetricData.Datum> data = request.metricData();
        if (data == null || data.isEmpty()) {
            v.add("MetricData", "is required");
        } else if (data.size() > MAX_DATA) {
            v.add("MetricData", "must have at most " + MAX_DATA + " values");
        }
        v.throwIfAny(INVALID_PARAMETER_VALUE);
        List<MetricSample.MetricData> samples = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            MetricSample.MetricData sample = datum(v, "MetricData[" + i + "]", cluster, namespace, data.get(i), now);
            if (sample != null) {
                samples.add(sample);
            }
        }
        v.throwIfAny(INVALID_PARAMETER_VALUE);
        return samples;
    }

    private static MetricSample.MetricData datum(Violations v, String at, String cluster, String namespace,
                                                 PutMetricData.Datum datum, Instant now) {
        if (datum == null) {
            v.add(at, "is required");
            return null;
        }
        int before = v.size();
        if (Violations.isBlank(datum.metricName())) {
            v.add(at + ".MetricName", "is required");
        } else if (datum.metricName().length() > MAX_NAME_LENGTH) {
            v.add(at + ".MetricName", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        List<MetricDimension> dimensions = datum.dimensions() == null ? List.of() : datum.dimensions();
        if (dimensions.size() > MAX_DIMENSIONS) {
            v.add(at + ".Dimensions", "must have at most " + MAX_DIMENSIONS + " dimensions");
        }
        String serviceName = null;
        Map<String, String> own = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < dimensions.size(); j++) {
            MetricDimension d = dimensions.get(j);
            String dimensionAt = at + ".Dimensions[" + j + "]";
            if (d == null || Violations.isBlank(d.name()) || Violations.isBlank(d.value())) {
                v.add(dimensionAt, "needs a Name and a Value");
                continue;
            }
            if (d.name().length() > MAX_NAME_LENGTH || d.value().length() > MAX_NAME_LENGTH) {
                v.add(dimensionAt, "Name and Value must be at most " + MAX_NAME_LENGTH + " characters");
            }
            if (!seen.add(d.name())) {
                v.add(dimensionAt + ".Name", d.name() + " is given twice");
            } else if (Metrics.SERVICE_NAME.equals(d.name())) {
                serviceName = d.value();
            } else if (Metrics.CLUSTER_NAME.equals(d.name())) {
                if (!cluster.equals(d.value())) {
                    v.add(dimensionAt + ".Value", "ClusterName must be " + cluster + ", the cluster in the path");
                }
            } else {
                own.put(d.name(), d.value());
            }
        }
        if (serviceName == null && v.size() == before) {
            v.add(at + ".Dimensions", "must include ServiceName, the service the metric belongs to");
        }
        if (datum.value() == null) {
            v.add(at + ".Value", "is required");
        } else if (!Double.isFinite(datum.value())) {
            v.add(at + ".Value", "must be a finite number");
        }
        if (datum.unit() != null && !UNITS.contains(datum.unit())) {
            v.add(at + ".Unit", "must be one of CloudWatch's units (Percent, Count, Seconds, Bytes, ...)");
        }
        Instant timestamp = datum.timestamp() != null ? datum.timestamp() : now;
        if (timestamp.isBefore(now.minus(MAX_AGE)) || timestamp.isAfter(now.plus(MAX_AHEAD))) {
            v.add(at + ".Timestamp", "must be within the last two weeks and at most two hours ahead");
        }
        if (v.size() > before) {
            return null;
        }
        return new MetricSample.MetricData(cluster, serviceName, namespace, datum.metricName(), own, datum.value(),
                datum.unit(), timestamp);
    }
}
