package io.longshore.controlplane.messaging;

import io.longshore.common.events.BusEvent;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.service.EventDeliveryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Matches each event of {@code longshore.events} against the rules of its bus and delivers it to
 * their targets. The offset is committed only after the deliveries commit, and a redelivered event
 * finds its deliveries recorded, so every (rule, target, event) starts its task once.
 */
@ApplicationScoped
public class BusEventConsumer {
    private final EventDeliveryService deliveries;

    public BusEventConsumer(EventDeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @Incoming("bus-events-in")
    public Uni<Void> onEvent(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(event -> deliveries.route(event)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                .replaceWithVoid();
    }

    static BusEvent read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("event record without a value");
        }
        BusEvent event = Json.read(payload, BusEvent.class);
        if (event.eventBusName() == null || event.event() == null || event.event().id() == null) {
            throw new IllegalArgumentException("event record without eventBusName or event id");
        }
        return event;
    }
}
