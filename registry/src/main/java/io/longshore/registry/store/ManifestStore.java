package io.longshore.registry.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ManifestStore implements PanacheRepositoryBase<ManifestEntity, Long> {

    /** A reference of a manifest to a blob or a manifest. */
    public record Reference(String digest, String kind) {
        public static final String BLOB = "blob";
        public static final String MANIFEST = "manifest";
    }

    /** A manifest with its tags, for listings (DescribeImages, lifecycle policies). */
    public record ImageRow(long id, String digest, String mediaType, String configMediaType, long imageSize,
                           Instant pushedAt, List<String> tags) {
    }

    /** The id of a stored manifest and whether the call that returned it stored it. */
    public record Stored(long id, boolean created) {
    }

    public Uni<ManifestEntity> findByDigest(String repository, String digest) {
        return find("repository = ?1 and digest = ?2", repository, digest).firstResult();
    }

    public Uni<ManifestEntity> findByTag(String repository, String tag) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT m.* FROM registry.manifests m JOIN registry.tags t ON t.manifest_id = m.id "
                                + "WHERE t.repository = ?1 AND t.tag = ?2", ManifestEntity.class)
                .setParameter(1, repository)
                .setParameter(2, tag)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Stores the manifest unless the repository has it already (same digest, same bytes); returns
     * its id and whether this call stored it.
     */
    public Uni<Stored> insertIfAbsent(ManifestEntity m) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO registry.manifests (repository, digest, media_type, size, content, image_size, "
                                + "config_media_type, artifact_type, subject_digest, annotations, pushed_at) VALUES "
                                + "(?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS VARCHAR), CAST(?8 AS VARCHAR), "
                                + "CAST(?9 AS VARCHAR), CAST(?10 AS TEXT), ?11) "
                                + "ON CONFLICT (repository, digest) DO NOTHING")
                .setParameter(1, m.repository)
                .setParameter(2, m.digest)
                .setParameter(3, m.mediaType)
                .setParameter(4, m.size)
                .setParameter(5, m.content)
                .setParameter(6, m.imageSize)
                .setParameter(7, m.configMediaType)
                .setParameter(8, m.artifactType)
                .setParameter(9, m.subjectDigest)
                .setParameter(10, m.annotations)
                .setParameter(11, m.pushedAt)
                .executeUpdate()
                .flatMap(inserted -> s.createNativeQuery(
                                "SELECT id FROM registry.manifests WHERE repository = ?1 AND digest = ?2", Long.class)
                        .setParameter(1, m.repository)
                        .setParameter(2, m.digest)
                        .getSingleResult()
                        .map(id -> new Stored(id, inserted == 1))));
    }

    public Uni<Void> insertReferences(long manifestId, List<Reference> references) {
        return Multi.createFrom().iterable(references)
                .onItem().transformToUniAndConcatenate(ref -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "INSERT INTO registry.manifest_references (manifest_id, digest, kind) VALUES (?1, ?2, ?3) "
                                        + "ON CONFLICT DO NOTHING")
                        .setParameter(1, manifestId)
                        .setParameter(2, ref.digest())
                        .setParameter(3, ref.kind())
                        .executeUpdate()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Of {@code digests}, the manifests the repository has, share-locked. */
    public Uni<List<String>> presentForShare(String repository, List<String> digests) {
        if (digests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT digest FROM registry.manifests WHERE repository = :repository AND digest IN (:digests) "
                                + "FOR SHARE", String.class)
                .setParameter("repository", repository)
                .setParameter("digests", digests)
                .getResultList());
    }

    /** Manifests whose subject is {@code subject}, optionally of one artifact type, oldest first. */
    public Uni<List<ManifestEntity>> referrers(String repository, String subject, String artifactType) {
        if (artifactType == null) {
            return list("repository = ?1 and subjectDigest = ?2 order by pushedAt, id", repository, subject);
        }
        return list("repository = ?1 and subjectDigest = ?2 and artifactType = ?3 order by pushedAt, id",
                repository, subject, artifactType);
    }

    /** Every manifest of the repository with its tags, newest first. */
    public Uni<List<ImageRow>> images(String repository) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT m.id, m.digest, m.media_type, m.config_media_type, m.image_size, m.pushed_at, "
                                + "string_agg(t.tag, ',' ORDER BY t.tag) FROM registry.manifests m "
                                + "LEFT JOIN registry.tags t ON t.manifest_id = m.id WHERE m.repository = ?1 "
                                + "GROUP BY m.id ORDER BY m.pushed_at DESC, m.id DESC", Object[].class)
                .setParameter(1, repository)
                .getResultList())
                .map(rows -> rows.stream().map(ManifestStore::imageRow).toList());
    }

    private static ImageRow imageRow(Object[] row) {
        String tags = (String) row[6];
        return new ImageRow(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                ((Number) row[4]).longValue(), toInstant(row[5]),
                tags == null ? List.of() : List.of(tags.split(",")));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.time.OffsetDateTime) {
            return ((java.time.OffsetDateTime) value).toInstant();
        }
        if (value instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) value).toInstant();
        }
        if (value instanceof java.time.LocalDateTime) {
            return ((java.time.LocalDateTime) value).toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    public Uni<Long> deleteManifest(long id) {
        return delete("id", id);
    }
}
