package io.longshore.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: oldest first, a batch at a time, then deletes what was published.
 * A batch's records are all in flight at once, sent in order: the idempotent producer keeps each
 * partition's order (a failed send fails the ones after it, and the batch is retried whole), so
 * order per key holds without waiting for one acknowledgement before the next send. A
 * crash between publishing and deleting publishes a record twice, never zero times; consumers are
 * idempotent. Runs right after a transaction that wrote to the outbox commits ({@link #trigger()}),
 * and every second from {@link OutboxSweeper} for anything left over. Used by every service with a
 * database (control plane, registry): each writes rows to its own {@code outbox} table (its own
 * Flyway migration) and configures the Kafka channel {@code outbox}.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int BATCH = 100;

    private final MutinyEmitter<String> emitter;
    private final OutboxRepository repository;
    private final Vertx vertx;
    // One drain at a time (that is what keeps the order); a trigger during a drain asks for another.
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, OutboxRepository repository, Vertx vertx) {
        this.emitter = emitter;
        this.repository = repository;
        this.vertx = vertx;
    }

    /** Publishes what is pending, soon and in the background. Never blocks, never fails. */
    public void trigger() {
        requested.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // Its own context: the caller's (an HTTP request, a Kafka record) may end before the drain does,
        // and Hibernate Reactive needs a safe duplicated context.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        context.runOnContext(ignored -> {
            requested.set(false);
            drain(onContext).subscribe().with(
                    published -> finish(),
                    failure -> {
                        LOG.warnf(failure, "outbox relay failed; the sweep retries");
                        finish();
                    });
        });
    }

    private void finish() {
        running.set(false);
        if (requested.get()) {
            trigger();
        }
    }

    /** Publishes batches until the outbox is empty; the number of records published. */
    Uni<Integer> drain(Executor onContext) {
        return Panache.withSession(() -> repository.oldest(BATCH))
                .flatMap(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        : publishAll(rows)
                                .emitOn(onContext)
                                .flatMap(ids -> Panache.withTransaction(() -> repository.deleteIds(ids)))
                                .flatMap(deleted -> rows.size() < BATCH
                                        ? Uni.createFrom().item(rows.size())
                                        : drain(onContext).map(more -> more + rows.size())));
    }

    private Uni<List<Long>> publishAll(List<OutboxEntity> rows) {
        // joined in list order: each send is issued when it is subscribed to
        return Uni.join().all(rows.stream().map(row -> publish(row).replaceWith(row.id)).toList()).andFailFast();
    }

    private Uni<Void> publish(OutboxEntity row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }
}
