package io.longshore.registry.service;

import io.longshore.registry.config.RegistryConfig;
import io.longshore.registry.storage.BlobStorage;
import io.longshore.registry.store.UploadStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes abandoned uploads: records not touched for {@code uploadExpiry} (and their files), and
 * upload files older than that with no record (a crash between creating the file and the record,
 * a deleted repository). An upload a request is writing right now is skipped.
 */
@ApplicationScoped
public class UploadSweeper {
    private static final Logger LOG = Logger.getLogger(UploadSweeper.class);
    private static final int BATCH = 500;

    private final UploadStore uploads;
    private final BlobStorage storage;
    private final UploadDigests digests;
    private final Blocking blocking;
    private final RegistryConfig config;
    private final Clock clock;
    private final Vertx vertx;

    public UploadSweeper(UploadStore uploads, BlobStorage storage, UploadDigests digests, Blocking blocking,
                         RegistryConfig config, Clock clock, Vertx vertx) {
        this.uploads = uploads;
        this.storage = storage;
        this.digests = digests;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    @Scheduled(every = "${longshore.registry.upload-sweep-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        return sweep().onFailure().invoke(e -> LOG.warnf(e, "upload sweep failed; it runs again later"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One sweep; the number of uploads removed. */
    public Uni<Integer> sweep() {
        Instant cutoff = clock.instant().minus(config.uploadExpiry());
        return SafeContext.run(vertx, () -> Panache.withSession(() -> uploads.notUpdatedSince(cutoff, BATCH))
                .flatMap(expired -> {
                    List<UUID> ids = expired.stream().map(u -> u.id).filter(id -> !digests.isLocked(id)).toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Panache.withTransaction(() -> uploads.delete("id in ?1 and updatedAt < ?2", ids, cutoff))
                            .replaceWith(ids.size());
                })
                .flatMap(removed -> blocking.call(() -> storage.uploadsOlderThan(cutoff))
                        .flatMap(files -> Panache.withSession(() -> uploads.list("id in ?1", files.isEmpty()
                                        ? List.of(new UUID(0, 0)) : files))
                                .flatMap(live -> {
                                    List<UUID> known = live.stream()
                                            .filter(u -> !u.updatedAt.isBefore(cutoff)).map(u -> u.id).toList();
                                    List<UUID> orphans = files.stream()
                                            .filter(id -> !known.contains(id) && !digests.isLocked(id)).toList();
                                    return blocking.run(() -> orphans.forEach(id -> {
                                        storage.deleteUpload(id);
                                        digests.forget(id);
                                    })).replaceWith(Math.max(removed, orphans.size()));
                                }))));
    }
}
