package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.outbox.OutboxEntity;
import io.longshore.outbox.OutboxRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Writes a Kafka record into the outbox table, inside the caller's transaction: the record is
 * published if and only if the change it announces commits. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {
    private final OutboxRepository repository;
    private final Clock clock;

    public Outbox(OutboxRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Uni<Void> enqueue(String topic, String key, Object message) {
        OutboxEntity row = new OutboxEntity();
        row.topic = topic;
        row.messageKey = key;
        row.payload = Json.write(message);
        row.createdAt = clock.instant();
        return repository.persist(row).replaceWithVoid();
    }
}
