package io.longshore.controlplane.store;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricDatapoint;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class MetricDatapointRepository implements PanacheRepositoryBase<MetricDatapointEntity, Long> {

    /** Stores the datapoint, replacing the one of the same metric, dimensions and period. */
    public Uni<Integer> upsert(MetricDatapoint d) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO metric_datapoint (cluster, service_name, namespace, metric_name, dimensions, "
                                + "period_start, period_seconds, average, minimum, maximum, sum, sample_count, unit) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                                + "ON CONFLICT (cluster, service_name, namespace, metric_name, md5(dimensions), "
                                + "period_start) DO UPDATE SET period_seconds = EXCLUDED.period_seconds, "
                                + "average = EXCLUDED.average, minimum = EXCLUDED.minimum, maximum = EXCLUDED.maximum, "
                                + "sum = EXCLUDED.sum, sample_count = EXCLUDED.sample_count, unit = EXCLUDED.unit")
                .setParameter(1, d.cluster())
                .setParameter(2, d.serviceName())
                .setParameter(3, d.namespace())
                .setParameter(4, d.metricName())
                .setParameter(5, canonicalDimensions(d.dimensions()))
                .setParameter(6, d.periodStart())
                .setParameter(7, d.periodSeconds())
                .setParameter(8, d.average())
                .setParameter(9, d.minimum())
                .setParameter(10, d.maximum())
                .setParameter(11, d.sum())
                .setParameter(12, d.sampleCount())
                .setParameter(13, d.unit())
                .executeUpdate());
    }

    /** GetMetricStatistics: one metric's datapoints whose period starts in [from, to), oldest first. */
    public Uni<List<MetricDatapointEntity>> find(String cluster, String serviceName, String namespace,
                                                 String metricName, Map<String, String> dimensions, Instant from,
                                                 Instant to) {
        return list("cluster = ?1 and serviceName = ?2 and namespace = ?3 and metricName = ?4 and dimensions = ?5 "
                        + "and periodStart >= ?6 and periodStart < ?7 order by periodStart",
                cluster, serviceName, namespace, metricName, canonicalDimensions(dimensions), from, to);
    }

    public Uni<Long> deleteOlderThan(Instant before) {
        return delete("periodStart < ?1", before);
    }

    /** The one text a set of dimensions is stored and looked up as: JSON, keys sorted. */
    public static String canonicalDimensions(Map<String, String> dimensions) {
        return Json.write(dimensions == null ? Map.of() : new TreeMap<>(dimensions));
    }
}
