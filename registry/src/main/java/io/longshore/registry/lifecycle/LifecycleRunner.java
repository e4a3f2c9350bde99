package io.longshore.registry.lifecycle;

import io.longshore.registry.service.GarbageCollector;
import io.longshore.registry.service.ImageCatalog;
import io.longshore.registry.service.SafeContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Applies every stored lifecycle policy: on a schedule ({@code longshore.registry.lifecycle.interval})
 * or when {@link #runOnce} is called. Each repository is evaluated at the injected clock's now; the
 * images it expires are deleted through {@link ImageCatalog#deleteImage} (so "ECR Image Action"
 * DELETE events are published), its {@code lastEvaluatedAt} is recorded, and garbage collection
 * follows the scheduled run to free the blobs only those images used.
 */
@ApplicationScoped
public class LifecycleRunner {
    private static final Logger LOG = Logger.getLogger(LifecycleRunner.class);

    private final LifecyclePolicyStore policies;
    private final LifecyclePolicyService service;
    private final ImageCatalog catalog;
    private final GarbageCollector collector;
    private final LifecycleConfig config;
    private final Clock clock;
    private final Vertx vertx;

    public LifecycleRunner(LifecyclePolicyStore policies, LifecyclePolicyService service, ImageCatalog catalog,
                           GarbageCollector collector, LifecycleConfig config, Clock clock, Vertx vertx) {
        this.policies = policies;
        this.service = service;
        this.catalog = catalog;
        this.collector = collector;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    /**
     * What one run did.
     *
     * @param expired the digests each repository's policy expired (and that were deleted), in
     *                repository name order; repositories without expirations are included, empty
     * @param failed  repositories whose evaluation failed (logged; tried again next run)
     */
    public record Result(Map<String, List<String>> expired, List<String> failed) {
        public int expiredCount() {
            return expired.values().stream().mapToInt(List::size).sum();
        }
    }

    @Scheduled(identity = "registry-lifecycle", every = "${longshore.registry.lifecycle.interval:1h}",
            delayed = "${longshore.registry.lifecycle.initial-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRun() {
        return runOnce()
                .onFailure().invoke(e -> LOG.warnf(e, "lifecycle policy run failed; it runs again later"))
                .onFailure().recoverWithNull()
                .flatMap(ignored -> collector.collect())
                .onFailure().invoke(e -> LOG.warnf(e, "garbage collection after the lifecycle run failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Evaluates every stored policy once and expires what it selects; one repository failing does not stop the others. */
    public Uni<Result> runOnce() {
        Map<String, List<String>> expired = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        return SafeContext.run(vertx, () -> Panache.withSession(policies::all))
                .flatMap(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(policy -> apply(policy)
                                .invoke(digests -> expired.put(policy.repositoryName, digests))
                                .onFailure().invoke(e -> {
                                    LOG.warnf(e, "lifecycle policy of repository %s could not be applied",
                                            policy.repositoryName);
                                    failed.add(policy.repositoryName);
                                })
                                .onFailure().recoverWithNull())
                        .collect().last())
                .map(ignored -> {
                    int count = expired.values().stream().mapToInt(List::size).sum();
                    if (count > 0 || !failed.isEmpty()) {
                        LOG.infof("lifecycle policies expired %d image(s) in %d repositories; %d failed; next run in %s",
                                count, expired.values().stream().filter(l -> !l.isEmpty()).count(), failed.size(),
                                config.interval());
                    }
                    return new Result(Collections.unmodifiableMap(expired), List.copyOf(failed));
                });
    }

    /** Expires what the repository's policy selects now; the digests deleted. */
    private Uni<List<String>> apply(LifecyclePolicyEntity stored) {
        String repository = stored.repositoryName;
        LifecyclePolicy policy;
        try {
            policy = LifecyclePolicy.parse(stored.policyText);
        } catch (InvalidLifecyclePolicyException e) {
            // stored texts were validated on PUT; only a stricter parser could get here
            return Uni.createFrom().failure(new IllegalStateException("the stored policy is no longer valid: "
                    + e.getMessage(), e));
        }
        Instant now = clock.instant();
        List<String> deleted = new ArrayList<>();
        return service.expirations(repository, policy, now)
                .flatMap(expirations -> Multi.createFrom().iterable(expirations)
                        .onItem().transformToUniAndConcatenate(expiration ->
                                catalog.deleteImage(repository, expiration.imageDigest())
                                        .invoke(gone -> {
                                            if (gone) {
                                                deleted.add(expiration.imageDigest());
                                            }
                                        }))
                        .collect().last())
                .flatMap(ignored -> SafeContext.run(vertx, () -> Panache.withTransaction(() ->
                        policies.markEvaluated(repository, stored.updatedAt, now))))
                .map(ignored -> List.copyOf(deleted));
    }
}
