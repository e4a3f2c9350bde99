package io.longshore.registry.lifecycle;

import io.longshore.registry.store.ManifestStore;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Lifecycle policy rows, and what evaluation needs to know of a repository's manifests. */
@ApplicationScoped
public class LifecyclePolicyStore implements PanacheRepositoryBase<LifecyclePolicyEntity, String> {

    /** Stores or replaces the repository's policy; a replaced policy has not been evaluated yet. */
    public Uni<Integer> upsert(String repository, String text, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO registry.lifecycle_policies (repository_name, policy_text, updated_at) "
                                + "VALUES (?1, ?2, ?3) ON CONFLICT (repository_name) DO UPDATE SET "
                                + "policy_text = EXCLUDED.policy_text, updated_at = EXCLUDED.updated_at, "
                                + "last_evaluated_at = NULL")
                .setParameter(1, repository)
                .setParameter(2, text)
                .setParameter(3, now)
                .executeUpdate());
    }

    /** Every stored policy, by repository name. */
    public Uni<List<LifecyclePolicyEntity>> all() {
        return list("order by repositoryName");
    }

    /**
     * Records a run, unless the policy was replaced or deleted since the run read it (then the
     * new policy still counts as not evaluated).
     */
    public Uni<Integer> markEvaluated(String repository, Instant policyUpdatedAt, Instant at) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "UPDATE registry.lifecycle_policies SET last_evaluated_at = ?3 "
                                + "WHERE repository_name = ?1 AND updated_at = ?2")
                .setParameter(1, repository)
                .setParameter(2, policyUpdatedAt)
                .setParameter(3, at)
                .executeUpdate());
    }

    /**
     * Digests of the manifests an index (manifest list) of the same repository refers to: ECR never
     * expires those while the index exists.
     */
    public Uni<List<String>> referencedByIndex(String repository) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT DISTINCT r.digest FROM registry.manifest_references r "
                                + "JOIN registry.manifests m ON m.id = r.manifest_id "
                                + "WHERE m.repository = ?1 AND r.kind = ?2", String.class)
                .setParameter(1, repository)
                .setParameter(2, ManifestStore.Reference.MANIFEST)
                .getResultList());
    }
}
