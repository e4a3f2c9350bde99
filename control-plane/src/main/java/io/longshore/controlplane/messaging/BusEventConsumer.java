package io.longshore.controlplane.messaging;

import io.longshore.common.events.BusEvent;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.service.EventDeliveryService;
import io.longshore.common.messaging.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Matches each event of {@code longshore.events} against the rules of its bus and delivers it to
 * their targets. Events come in batches (one per poll), routed one by one in order; the offsets are
 * committed only after the batch's deliveries commit, and a redelivered event finds its deliveries
 * recorded, so every (rule, target, event) starts its task once. An event that cannot be read, or
 * whose delivery keeps failing, goes to the dead-letter topic.
 */
@ApplicationScoped
public class BusEventConsumer {
    private static final Logger LOG = Logger.getLogger(BusEventConsumer.class);

    private final EventDeliveryService deliveries;
    private final Outbox outbox;

    public BusEventConsumer(EventDeliveryService deliveries, Outbox outbox) {
        this.deliveries = deliveries;
        this.outbox = outbox;
    }

    @Incoming("bus-events-in")
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> failed = new ArrayList<>();
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> Uni.createFrom().item(() -> read(record.value()))
                        .flatMap(event -> deliveries.route(event)
                                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                        .onFailure().recoverWithItem(e -> {
                            LOG.errorf("event %s not routed, sent to %s: %s", record.key(), Topics.DEAD_LETTER,
                                    e.getMessage());
                            failed.add(record);
                            return 0;
                        }))
                .collect().last()
                .flatMap(v -> outbox.deadLetter(failed));
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
