package io.longshore.registry.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Blob rows and their links to repositories (native SQL: upserts and locks). */
@ApplicationScoped
public class BlobStore {

    /** The size of a blob the repository may serve, or null. */
    public Uni<Long> linkedSize(String repository, String digest) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT b.size FROM registry.repository_blobs rb JOIN registry.blobs b ON b.digest = rb.digest "
                                + "WHERE rb.repository = ?1 AND rb.digest = ?2", Long.class)
                .setParameter(1, repository)
                .setParameter(2, digest)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Records the blob, or marks an existing one as just linked; the row lock this takes orders
     * the caller after a garbage collection of the same digest in progress.
     */
    public Uni<Integer> upsert(String digest, long size, Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO registry.blobs (digest, size, created_at, last_linked_at) VALUES (?1, ?2, ?3, ?3) "
                                + "ON CONFLICT (digest) DO UPDATE SET last_linked_at = EXCLUDED.last_linked_at")
                .setParameter(1, digest)
                .setParameter(2, size)
                .setParameter(3, now)
                .executeUpdate());
    }

    public Uni<Integer> link(String repository, String digest, Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO registry.repository_blobs (repository, digest, linked_at) VALUES (?1, ?2, ?3) "
                                + "ON CONFLICT (repository, digest) DO NOTHING")
                .setParameter(1, repository)
                .setParameter(2, digest)
                .setParameter(3, now)
                .executeUpdate());
    }

    public Uni<Integer> unlink(String repository, String digest) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "DELETE FROM registry.repository_blobs WHERE repository = ?1 AND digest = ?2")
                .setParameter(1, repository)
                .setParameter(2, digest)
                .executeUpdate());
    }

    /** Of {@code digests}, those linked to the repository, share-locked until the transaction ends. */
    public Uni<List<String>> linkedForShare(String repository, List<String> digests) {
        if (digests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT b.digest FROM registry.repository_blobs rb JOIN registry.blobs b ON b.digest = rb.digest "
                                + "WHERE rb.repository = :repository AND rb.digest IN (:digests) FOR SHARE", String.class)
                .setParameter("repository", repository)
                .setParameter("digests", digests)
                .getResultList());
    }

    /**
     * Blobs no manifest of any repository refers to, last linked before {@code cutoff} (younger
     * ones may be layers whose manifest is still being pushed).
     */
    public Uni<List<String>> unreferenced(Instant cutoff, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT b.digest FROM registry.blobs b WHERE b.last_linked_at < ?1 AND NOT EXISTS "
                                + "(SELECT 1 FROM registry.manifest_references r WHERE r.digest = b.digest) "
                                + "ORDER BY b.last_linked_at LIMIT ?2", String.class)
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList());
    }

    /** Locks the blob's row and says whether it is still unreferenced and older than the cutoff. */
    public Uni<Boolean> lockIfUnreferenced(String digest, Instant cutoff) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT b.digest FROM registry.blobs b WHERE b.digest = ?1 AND b.last_linked_at < ?2 "
                                + "FOR UPDATE", String.class)
                .setParameter(1, digest)
                .setParameter(2, cutoff)
                .getResultList()
                .flatMap(locked -> locked.isEmpty()
                        ? Uni.createFrom().item(false)
                        : s.createNativeQuery("SELECT count(*) FROM registry.manifest_references WHERE digest = ?1",
                                        Long.class)
                                .setParameter(1, digest)
                                .getSingleResult()
                                .map(refs -> refs == 0)));
    }

    /** Deletes the blob's row and, by cascade, its links. */
    public Uni<Integer> delete(String digest) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("DELETE FROM registry.blobs WHERE digest = ?1")
                .setParameter(1, digest)
                .executeUpdate());
    }
}
