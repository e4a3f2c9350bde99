package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.controlplane.service.ServiceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores the scheduler's service events, once each (by event id). A record that cannot be read goes
 * to the dead-letter topic; a database hiccup is retried a few times first.
 */
@ApplicationScoped
public class ServiceEventConsumer {
    private final ServiceService services;

    public ServiceEventConsumer(ServiceService services) {
        this.services = services;
    }

    @Incoming("service-events")
    public Uni<Void> onServiceEvent(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(event -> services.recordEvent(event)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                .replaceWithVoid();
    }

    static ServiceEvent read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("service event without a value");
        }
        ServiceEvent event = Json.read(payload, ServiceEvent.class);
        if (event.cluster() == null || event.serviceName() == null || event.id() == null || event.message() == null) {
            throw new IllegalArgumentException("service event without cluster, serviceName, id or message");
        }
        if (event.id().length() > 255) {
            throw new IllegalArgumentException("service event id longer than 255 characters");
        }
        return event;
    }
}
