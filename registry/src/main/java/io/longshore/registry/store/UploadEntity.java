package io.longshore.registry.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A blob upload in progress; {@link #size} bytes of it are acknowledged and on disk. */
@Entity
@Table(name = "uploads")
public class UploadEntity {
    @Id
    public UUID id;
    public String repository;
    public long size;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
