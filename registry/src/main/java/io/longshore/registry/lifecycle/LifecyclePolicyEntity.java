package io.longshore.registry.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A repository's lifecycle policy as stored: the text as the user wrote it, already validated. */
@Entity
@Table(name = "lifecycle_policies")
public class LifecyclePolicyEntity {
    @Id
    @Column(name = "repository_name")
    public String repositoryName;
    @Column(name = "policy_text")
    public String policyText;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** When a run last applied the policy; null until the first run after it was put. */
    @Column(name = "last_evaluated_at")
    public Instant lastEvaluatedAt;
}
