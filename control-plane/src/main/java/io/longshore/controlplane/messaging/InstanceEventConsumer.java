package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.service.ContainerInstanceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Turns agents' registrations and heartbeats into container instance state. */
@ApplicationScoped
public class InstanceEventConsumer {
    private final ContainerInstanceService instances;

    public InstanceEventConsumer(ContainerInstanceService instances) {
        this.instances = instances;
    }

    @Incoming("instance-events")
    public Uni<Void> onInstanceEvent(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(event -> handle(event).onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                .replaceWithVoid();
    }

    private Uni<Boolean> handle(InstanceEvent event) {
        if (event instanceof InstanceEvent.Registered registered) {
            return instances.register(registered);
        }
        return instances.heartbeat((InstanceEvent.Heartbeat) event);
    }

    static InstanceEvent read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("instance event without a value");
        }
        InstanceEvent event = Json.read(payload, InstanceEvent.class);
        if (event.cluster() == null || event.containerInstanceId() == null) {
            throw new IllegalArgumentException("instance event without cluster or containerInstanceId");
        }
        if (event instanceof InstanceEvent.Registered r && r.resources() == null) {
            throw new IllegalArgumentException("registration of " + r.containerInstanceId() + " without resources");
        }
        return event;
    }
}
