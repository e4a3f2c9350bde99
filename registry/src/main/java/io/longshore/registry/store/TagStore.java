package io.longshore.registry.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Tags: a name in a repository pointing at one of its manifests. */
@ApplicationScoped
public class TagStore {

    /**
     * Points the tag at the manifest. Where {@code mutable} is false an existing tag is left as it
     * is; the caller compares {@link #manifestIdOf} afterwards. One statement, so two concurrent
     * pushes of a tag serialise on its row.
     */
    public Uni<Integer> upsert(String repository, String tag, long manifestId, Instant now, boolean mutable) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO registry.tags (repository, tag, manifest_id, updated_at) VALUES (?1, ?2, ?3, ?4) "
                                + "ON CONFLICT (repository, tag) DO UPDATE SET manifest_id = EXCLUDED.manifest_id, "
                                + "updated_at = EXCLUDED.updated_at WHERE " + (mutable ? "TRUE" : "FALSE"))
                .setParameter(1, repository)
                .setParameter(2, tag)
                .setParameter(3, manifestId)
                .setParameter(4, now)
                .executeUpdate());
    }

    public Uni<Long> manifestIdOf(String repository, String tag) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT manifest_id FROM registry.tags WHERE repository = ?1 AND tag = ?2", Long.class)
                .setParameter(1, repository)
                .setParameter(2, tag)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Tags after {@code last} in byte order; at most {@code limit}. */
    public Uni<List<String>> list(String repository, String last, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT tag FROM registry.tags WHERE repository = ?1 AND tag > ?2 ORDER BY tag LIMIT ?3",
                        String.class)
                .setParameter(1, repository)
                .setParameter(2, last == null ? "" : last)
                .setParameter(3, limit)
                .getResultList());
    }

    public Uni<List<String>> tagsOf(long manifestId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT tag FROM registry.tags WHERE manifest_id = ?1 ORDER BY tag", String.class)
                .setParameter(1, manifestId)
                .getResultList());
    }

    public Uni<Integer> delete(String repository, String tag) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "DELETE FROM registry.tags WHERE repository = ?1 AND tag = ?2")
                .setParameter(1, repository)
                .setParameter(2, tag)
                .executeUpdate());
    }
}
