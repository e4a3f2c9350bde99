package io.longshore.controlplane.service;

import io.longshore.common.events.BusEvent;
import io.longshore.common.messaging.Topics;
import io.longshore.controlplane.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts Longshore's own events (ECS's task, container instance and service events) on their bus,
 * in the caller's transaction, while the bus has an enabled rule. EventBridge delivers an event to
 * the rules it matches and keeps nothing else, so a bus without rules has nothing to deliver to:
 * skipping it spares a task's every state change an outbox row, a Kafka round trip and a match.
 * A rule put moments ago sees events once the rule catalog has it (within its refresh interval).
 */
@ApplicationScoped
public class BuiltInEventPublisher {
    private final RuleCatalog catalog;
    private final Outbox outbox;

    public BuiltInEventPublisher(RuleCatalog catalog, Outbox outbox) {
        this.catalog = catalog;
        this.outbox = outbox;
    }

    public Uni<Void> publish(BusEvent event) {
        return catalog.snapshot().flatMap(snapshot -> snapshot.hasEnabledRule(event.eventBusName())
                ? outbox.enqueue(Topics.EVENTS, event.key(), event)
                : Uni.createFrom().voidItem());
    }
}
