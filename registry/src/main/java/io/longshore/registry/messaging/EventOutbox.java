package io.longshore.registry.messaging;

import io.longshore.common.messaging.ImageActionEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.Topics;
import io.longshore.outbox.OutboxEntity;
import io.longshore.outbox.OutboxRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes "ECR Image Action" events into the outbox table inside the caller's transaction: an event
 * is published if and only if the change it announces commits. {@link OutboxRelay} publishes them
 * to {@link Topics#REGISTRY_EVENTS}, keyed by repository name.
 */
@ApplicationScoped
public class EventOutbox {
    private final OutboxRepository repository;
    private final Clock clock;

    public EventOutbox(OutboxRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Uni<Void> imagePushed(String repositoryName, String digest, String tag) {
        return enqueue(ImageActionEvent.PUSH, repositoryName, digest, tag);
    }

    public Uni<Void> imageDeleted(String repositoryName, String digest, String tag) {
        return enqueue(ImageActionEvent.DELETE, repositoryName, digest, tag);
    }

    private Uni<Void> enqueue(String action, String repositoryName, String digest, String tag) {
        ImageActionEvent event = new ImageActionEvent(UUID.randomUUID().toString(), clock.instant(),
                new ImageActionEvent.Detail(action, ImageActionEvent.SUCCESS, repositoryName, digest, tag));
        OutboxEntity row = new OutboxEntity();
        row.topic = Topics.REGISTRY_EVENTS;
        row.messageKey = repositoryName;
        row.payload = Json.write(event);
        row.createdAt = clock.instant();
        return repository.persist(row).replaceWithVoid();
    }
}
