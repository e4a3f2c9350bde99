package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.ImageActionEvent;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.service.BuiltInEvents;
import io.longshore.controlplane.service.EventDeliveryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The registry's "ECR Image Action" events, delivered to the default bus's rules as any other event. */
@ApplicationScoped
public class RegistryEventConsumer {
    private final EventDeliveryService deliveries;
    private final Clock clock;

    public RegistryEventConsumer(EventDeliveryService deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Incoming("registry-events")
    public Uni<Void> onImageAction(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(event -> deliveries.route(BuiltInEvents.imageAction(event, clock.instant()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                .replaceWithVoid();
    }

    static ImageActionEvent read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("image action record without a value");
        }
        ImageActionEvent event = Json.read(payload, ImageActionEvent.class);
        if (event.id() == null || event.detail() == null) {
            throw new IllegalArgumentException("image action record without id or detail");
        }
        return event;
    }
}
