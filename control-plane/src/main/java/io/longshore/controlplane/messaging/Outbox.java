package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.Topics;
import io.longshore.outbox.OutboxEntity;
import io.longshore.outbox.OutboxRelay;
import io.longshore.outbox.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Writes a Kafka record into the outbox table, inside the caller's transaction: the record is
 * published if and only if the change it announces commits. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final Clock clock;

    public Outbox(OutboxRepository repository, OutboxRelay relay, Clock clock) {
        this.repository = repository;
        this.relay = relay;
        this.clock = clock;
    }

    public Uni<Void> enqueue(String topic, String key, Object message) {
        return enqueueVerbatim(topic, key, Json.write(message));
    }

    /**
     * Records a batch consumer could not read go to the dead-letter topic as received, in their own
     * transaction (a batch consumer cannot use the connector's dead-letter strategy: it would send
     * the whole batch).
     */
    public Uni<Void> deadLetter(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Multi.createFrom().iterable(records)
                        .onItem().transformToUniAndConcatenate(r -> enqueueVerbatim(Topics.DEAD_LETTER, r.key(),
                                r.value() == null ? "" : r.value()))
                        .collect().last())
                .invoke(relay::trigger)
                .replaceWithVoid();
    }

    /**
     * Applies a batch consumer's items (each with the record it was read from) all at once; a batch
     * that keeps failing is applied item by item, and only the items that still fail go to the
     * dead-letter topic.
     */
    public <T> Uni<Void> applyOrDeadLetter(Map<T, ConsumerRecord<String, String>> items,
                                           Function<List<T>, Uni<Void>> apply) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return apply.apply(new ArrayList<>(items.keySet()))
                .onFailure().recoverWithUni(e -> Multi.createFrom().iterable(items.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> apply.apply(List.of(entry.getKey()))
                                .onFailure().recoverWithUni(f -> {
                                    LOG.errorf(f, "record %s of %s not applied, sent to %s", entry.getValue().key(),
                                            entry.getValue().topic(), Topics.DEAD_LETTER);
                                    return deadLetter(List.of(entry.getValue()));
                                }))
                        .collect().last().replaceWithVoid());
    }

    private Uni<Void> enqueueVerbatim(String topic, String key, String payload) {
        OutboxEntity row = new OutboxEntity();
        row.topic = topic;
        row.messageKey = key;
        row.payload = payload;
        row.createdAt = clock.instant();
        return repository.persist(row).replaceWithVoid();
    }
}
