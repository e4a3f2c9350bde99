package io.longshore.registry.messaging;

import io.longshore.registry.store.OutboxEntity;
import io.longshore.registry.store.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
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
 * Publishes the outbox to Kafka, oldest first, one record at a time (so a repository's events stay
 * in order), then deletes what was published. A crash in between publishes a record twice, never
 * zero times (events carry an id for deduplication). Triggered after each transaction that wrote
 * an event, and every second by {@link OutboxSweeper} for leftovers. The control plane's relay,
 * kept small.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int BATCH = 100;

    private final MutinyEmitter<String> emitter;
    private final OutboxRepository repository;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxRelay(@Channel("registry-events") MutinyEmitter<String> emitter, OutboxRepository repository,
                       Vertx vertx) {
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
        // Its own safe duplicated context: the caller's request may end before the drain does.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        context.runOnContext(ignored -> {
            requested.set(false);
            drain(onContext).subscribe().with(
                    published -> finish(),
                    failure -> {
                        LOG.warnf(failure, "registry outbox relay failed; the sweep retries");
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
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> publish(row).replaceWith(row.id))
                .collect().asList();
    }

    private Uni<Void> publish(OutboxEntity row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }
}
