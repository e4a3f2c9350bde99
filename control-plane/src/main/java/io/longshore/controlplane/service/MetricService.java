package io.longshore.controlplane.service;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.messaging.MetricSample;
import io.longshore.controlplane.domain.PutMetricData;
import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.domain.ServiceArns;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.MetricDatapointEntity;
import io.longshore.controlplane.store.MetricDatapointRepository;
import io.longshore.controlplane.store.ServiceRepository;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.MetricDataRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Services' metrics: PutMetricData (custom values, on to the autoscaler through longshore.metrics),
 * GetMetricStatistics over the datapoints the autoscaler aggregated, and keeping those bounded.
 */
@ApplicationScoped
public class MetricService {
    /**
     * The service name a cluster's own metrics are kept under (no service has an empty name): cluster
     * scaling's CapacityProviderReservation, whose dimensions are ClusterName and CapacityProviderName.
     */
    public static final String NO_SERVICE = "";
    private final ClusterRepository clusters;
    private final ServiceRepository serviceRows;
    private final ServiceService services;
    private final MetricDatapointRepository datapoints;
    private final MutinyEmitter<String> metrics;
    private final Clock clock;

    public MetricService(ClusterRepository clusters, ServiceRepository serviceRows, ServiceService services,
                         MetricDatapointRepository datapoints, @Channel("metrics") MutinyEmitter<String> metrics,
                         Clock clock) {
        this.clusters = clusters;
        this.serviceRows = serviceRows;
        this.services = services;
        this.datapoints = datapoints;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * PutMetricData: every value is checked, and its service must exist (not INACTIVE), before any is
     * published. Raw values are not system-of-record data, so they go straight to Kafka, not
     * through the outbox.
     */
    public Uni<Void> put(String cluster, PutMetricData request) {
        List<MetricSample.MetricData> samples = MetricDataRules.validate(cluster, request, clock.instant());
        Set<String> serviceNames = new LinkedHashSet<>();
        samples.forEach(s -> serviceNames.add(s.serviceName()));
        return Panache.withSession(() -> clusters.findById(cluster)
                        .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                        .flatMap(c -> requireServices(cluster, new ArrayList<>(serviceNames), 0)))
                .flatMap(v -> Uni.join().all(samples.stream().map(this::send).toList()).andFailFast())
                .replaceWithVoid();
    }

    private Uni<Void> requireServices(String cluster, List<String> names, int from) {
        if (from == names.size()) {
            return Uni.createFrom().voidItem();
        }
        String name = names.get(from);
        return serviceRows.findInCluster(cluster, name, LockModeType.NONE).flatMap(row -> {
            if (row == null || Service.INACTIVE.equals(row.status)) {
                return Uni.createFrom().failure(InvalidRequestException.of(MetricDataRules.INVALID_PARAMETER_VALUE,
                        "MetricData.Dimensions", "ServiceName " + name + " is no service of cluster " + cluster));
            }
            return requireServices(cluster, names, from + 1);
        });
    }

    private Uni<Void> send(MetricSample.MetricData sample) {
        return metrics.sendMessage(Message.of(Json.write((MetricSample) sample))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(sample.key()).build()));
    }

    /** The statistics the metrics endpoint answers with: one metric's datapoints, oldest first. */
    public record Statistics(String label, List<MetricDatapointEntity> datapoints) {
    }

    /**
     * GetMetricStatistics for one of the service's metrics (its dimensions besides ClusterName and
     * ServiceName exactly {@code dimensions}), periods starting in [from, to).
     */
    public Uni<Statistics> statistics(String cluster, String service, String namespace, String metricName,
                                      Map<String, String> dimensions, Instant from, Instant to) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> services.find(cluster, name, LockModeType.NONE)
                .flatMap(row -> datapoints.find(cluster, name, namespace, metricName, dimensions, from, to))
                .map(list -> new Statistics(metricName, list)));
    }

    /**
     * GetMetricStatistics for one of the cluster's own metrics, of no service (its dimensions besides
     * ClusterName exactly {@code dimensions}), periods starting in [from, to).
     */
    public Uni<Statistics> clusterStatistics(String cluster, String namespace, String metricName,
                                             Map<String, String> dimensions, Instant from, Instant to) {
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> datapoints.find(cluster, NO_SERVICE, namespace, metricName, dimensions, from, to))
                .map(list -> new Statistics(metricName, list)));
    }

    /** Keeps an aggregated datapoint (the same one again replaces it). */
    public Uni<Void> record(MetricDatapoint datapoint) {
        return Panache.withTransaction(() -> datapoints.upsert(datapoint)).replaceWithVoid();
    }

    /** Forgets datapoints whose period started longer than {@code retention} ago. */
    public Uni<Long> purgeOlderThan(Duration retention) {
        Instant before = clock.instant().minus(retention);
        return Panache.withTransaction(() -> datapoints.deleteOlderThan(before));
    }
}
