package io.longshore.registry.lifecycle;

import io.longshore.common.model.Arns;
import io.longshore.registry.service.EcrException;
import io.longshore.registry.service.ImageCatalog;
import io.longshore.registry.service.RepositoryService;
import io.longshore.registry.service.SafeContext;
import io.longshore.registry.store.RepositoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ECR's lifecycle policy actions on a repository: put (validated, nothing stored when invalid),
 * get, delete and preview. The decision itself is {@link LifecycleEvaluator}'s; this class feeds it
 * the repository's images and the injected clock's now.
 */
@ApplicationScoped
public class LifecyclePolicyService {
    public static final String POLICY_NOT_FOUND = "LifecyclePolicyNotFoundException";

    private final LifecyclePolicyStore policies;
    private final RepositoryStore repositories;
    private final RepositoryService repositoryService;
    private final ImageCatalog catalog;
    private final Clock clock;
    private final Vertx vertx;

    public LifecyclePolicyService(LifecyclePolicyStore policies, RepositoryStore repositories,
                                  RepositoryService repositoryService, ImageCatalog catalog, Clock clock,
                                  Vertx vertx) {
        this.policies = policies;
        this.repositories = repositories;
        this.repositoryService = repositoryService;
        this.catalog = catalog;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** A stored policy: the text as put, when, and when a run last applied it (null: not yet). */
    public record StoredPolicy(String repositoryName, String policyText, Instant updatedAt, Instant lastEvaluatedAt) {
        static StoredPolicy of(LifecyclePolicyEntity e) {
            return new StoredPolicy(e.repositoryName, e.policyText, e.updatedAt, e.lastEvaluatedAt);
        }
    }

    /** What a policy would expire in a repository now, oldest push first. */
    public record Preview(String repositoryName, String policyText, List<ImageExpiration> expirations) {
    }

    /** Validates and stores (or replaces) the repository's policy. */
    public Uni<StoredPolicy> put(String repository, String text) {
        parse(text);
        return repositoryService.describe(repository).flatMap(checked -> {
            Instant now = clock.instant();
            // the share lock keeps the repository from being deleted before the row referring to it is in
            return Panache.withTransaction(() -> repositories.findForShare(repository).flatMap(found -> found == null
                    ? Uni.createFrom().failure(EcrException.notFound(repository))
                    : policies.upsert(repository, text, now)))
                    .replaceWith(new StoredPolicy(repository, text, now, null));
        });
    }

    /** The repository's policy; 404 RepositoryNotFoundException or LifecyclePolicyNotFoundException. */
    public Uni<StoredPolicy> get(String repository) {
        return repositoryService.describe(repository)
                .flatMap(r -> Panache.withSession(() -> policies.findById(repository)))
                .map(found -> StoredPolicy.of(requirePolicy(repository, found)));
    }

    /** Deletes the repository's policy and returns what it was. */
    public Uni<StoredPolicy> delete(String repository) {
        return repositoryService.describe(repository)
                .flatMap(r -> Panache.withTransaction(() -> policies.findById(repository).flatMap(found -> {
                    StoredPolicy stored = StoredPolicy.of(requirePolicy(repository, found));
                    return policies.delete(found).replaceWith(stored);
                })));
    }

    /**
     * What {@code text} (or, when null, the stored policy) would expire now. Nothing is deleted;
     * ECR's StartLifecyclePolicyPreview + GetLifecyclePolicyPreview in one synchronous call.
     */
    public Uni<Preview> preview(String repository, String text) {
        LifecyclePolicy unsaved = text == null ? null : parse(text);
        return repositoryService.describe(repository)
                .flatMap(r -> unsaved != null
                        ? Uni.createFrom().item(new StoredPolicy(repository, text, null, null))
                        : Panache.withSession(() -> policies.findById(repository))
                                .map(found -> StoredPolicy.of(requirePolicy(repository, found))))
                .flatMap(stored -> {
                    LifecyclePolicy policy = unsaved != null ? unsaved : LifecyclePolicy.parse(stored.policyText());
                    return expirations(repository, policy, clock.instant())
                            .map(expiring -> new Preview(repository, stored.policyText(), expiring));
                });
    }

    /**
     * What the policy expires in the repository at {@code now}. Images an index (manifest list) of
     * the repository refers to are left out, as ECR does: they go once the index has gone.
     */
    Uni<List<ImageExpiration>> expirations(String repository, LifecyclePolicy policy, Instant now) {
        return catalog.listImages(repository)
                .flatMap(images -> SafeContext.run(vertx, () -> Panache.withSession(() ->
                                policies.referencedByIndex(repository)))
                        .map(children -> {
                            Set<String> excluded = new HashSet<>(children);
                            List<ImageInfo> candidates = images.stream()
                                    .filter(i -> !excluded.contains(i.digest()))
                                    .map(i -> new ImageInfo(i.digest(), i.tags(), i.pushedAt()))
                                    .toList();
                            return LifecycleEvaluator.evaluate(policy, candidates, now);
                        }));
    }

    /** The policy, or a 400 InvalidParameterException naming the field and the rule it breaks. */
    static LifecyclePolicy parse(String text) {
        if (text == null) {
            throw EcrException.invalid("lifecyclePolicyText: is required (the policy's JSON as a string)");
        }
        try {
            return LifecyclePolicy.parse(text);
        } catch (InvalidLifecyclePolicyException e) {
            throw EcrException.invalid("lifecyclePolicyText: " + e.getMessage());
        }
    }

    private static LifecyclePolicyEntity requirePolicy(String repository, LifecyclePolicyEntity found) {
        if (found == null) {
            throw new EcrException(404, POLICY_NOT_FOUND, "Lifecycle policy does not exist for the repository with name '"
                    + repository + "' in the registry with id '" + Arns.ACCOUNT + "'");
        }
        return found;
    }
}
