package io.longshore.registry.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Deletes blobs (rows and files) no manifest of any repository refers to, once they are older than
 * the grace period. Runs on its own schedule and after every scheduled lifecycle run.
 *
 * <p>What it never deletes: a blob some manifest refers to (re-checked under the blob row's lock
 * by {@link ImageCatalog#deleteBlobIfUnreferenced}, which a manifest push also takes); a blob
 * pushed or mounted within the grace period (its manifest may not be pushed yet: clients push
 * layers first); an upload in progress (it has no blob row until its digest is verified, and its
 * bytes live under {@code uploads/}, which only the upload sweeper touches).
 */
@ApplicationScoped
public class GarbageCollector {
    private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

    /** Garbage collection, {@code longshore.registry.gc.*}. */
    @ConfigMapping(prefix = "longshore.registry.gc")
    public interface Config {
        /** How often it runs on its own ({@code ${longshore.registry.gc.interval}}); it also follows every lifecycle run. */
        @WithDefault("1h")
        Duration interval();

        /** How long after start the first scheduled run waits. */
        @WithDefault("2m")
        Duration initialDelay();

        /**
         * A blob last pushed or mounted less than this long ago is never collected: the push of
         * the manifest that refers to it may still be on its way. Keep it at least the upload
         * expiry (a client may spend that long on its next layer).
         */
        @WithDefault("1h")
        Duration grace();

        /** How many candidates one database query fetches. */
        @WithDefault("500")
        int batchSize();
    }

    private final ImageCatalog catalog;
    private final Config config;
    private final Clock clock;

    public GarbageCollector(ImageCatalog catalog, Config config, Clock clock) {
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "registry-gc", every = "${longshore.registry.gc.interval:1h}",
            delayed = "${longshore.registry.gc.initial-delay:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCollect() {
        return collect().onFailure().invoke(e -> LOG.warnf(e, "garbage collection failed; it runs again later"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One collection; the number of blobs deleted. */
    public Uni<Integer> collect() {
        Instant cutoff = clock.instant().minus(config.grace());
        return collectFrom(cutoff, 0).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("garbage collection deleted %d unreferenced blob(s) last linked before %s", deleted, cutoff);
            }
        });
    }

    private Uni<Integer> collectFrom(Instant cutoff, int deletedSoFar) {
        int batch = config.batchSize();
        return catalog.unreferencedBlobs(cutoff, batch).flatMap(candidates -> deleteAll(candidates, cutoff)
                .flatMap(deleted -> {
                    // a full batch of which something went: there may be more; a batch of which
                    // nothing went (all re-referenced meanwhile) would come back the same, so stop
                    boolean more = candidates.size() >= batch && deleted > 0;
                    return more ? collectFrom(cutoff, deletedSoFar + deleted)
                            : Uni.createFrom().item(deletedSoFar + deleted);
                }));
    }

    private Uni<Integer> deleteAll(List<String> digests, Instant cutoff) {
        if (digests.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(digests)
                .onItem().transformToUniAndConcatenate(digest -> catalog.deleteBlobIfUnreferenced(digest, cutoff)
                        .onFailure().invoke(e -> LOG.warnf(e, "could not collect blob %s; trying again next run", digest))
                        .onFailure().recoverWithItem(false))
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }
}
