package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One closed period of a service's metric, as the autoscaler aggregated it; written by {@link MetricDatapointRepository#upsert}. */
@Entity
@Table(name = "metric_datapoint")
public class MetricDatapointEntity {
    @Id
    public Long id;
    public String cluster;
    @Column(name = "service_name")
    public String serviceName;
    public String namespace;
    @Column(name = "metric_name")
    public String metricName;
    /** The dimensions besides ClusterName and ServiceName, as JSON with sorted keys. */
    public String dimensions;
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_seconds")
    public int periodSeconds;
    public double average;
    public double minimum;
    public double maximum;
    public double sum;
    @Column(name = "sample_count")
    public long sampleCount;
    public String unit;
}
