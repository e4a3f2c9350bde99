package io.longshore.registry.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An ECR repository: created explicitly (or on push when auto-creation is on). */
@Entity
@Table(name = "repositories")
public class RepositoryEntity {
    public static final String MUTABLE = "MUTABLE";
    public static final String IMMUTABLE = "IMMUTABLE";

    @Id
    public String name;
    @Column(name = "tag_mutability")
    public String tagMutability;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean immutableTags() {
        return IMMUTABLE.equals(tagMutability);
    }
}
