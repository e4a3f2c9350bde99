package io.longshore.registry.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A manifest of a repository, its bytes exactly as pushed. */
@Entity
@Table(name = "manifests")
public class ManifestEntity {
    @Id
    public Long id;
    public String repository;
    public String digest;
    @Column(name = "media_type")
    public String mediaType;
    public long size;
    public byte[] content;
    @Column(name = "image_size")
    public long imageSize;
    @Column(name = "config_media_type")
    public String configMediaType;
    @Column(name = "artifact_type")
    public String artifactType;
    @Column(name = "subject_digest")
    public String subjectDigest;
    public String annotations;
    @Column(name = "pushed_at")
    public Instant pushedAt;
}
