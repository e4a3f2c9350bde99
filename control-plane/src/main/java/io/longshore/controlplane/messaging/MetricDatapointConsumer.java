package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.controlplane.service.MetricService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the autoscaler's datapoints for {@code GET .../metrics}; one published again replaces the
 * earlier. A record that cannot be read goes to the dead-letter topic; a database hiccup is retried
 * a few times first.
 */
@ApplicationScoped
public class MetricDatapointConsumer {
    private final MetricService metrics;

    public MetricDatapointConsumer(MetricService metrics) {
        this.metrics = metrics;
    }

    @Incoming("metric-datapoints")
    public Uni<Void> onDatapoint(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(datapoint -> metrics.record(datapoint)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3));
    }

    static MetricDatapoint read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("metric datapoint without a value");
        }
        MetricDatapoint d = Json.read(payload, MetricDatapoint.class);
        if (d.cluster() == null || d.serviceName() == null || d.namespace() == null || d.metricName() == null
                || d.periodStart() == null) {
            throw new IllegalArgumentException("metric datapoint without cluster, serviceName, namespace, metricName "
                    + "or periodStart");
        }
        return d;
    }
}
