package io.longshore.controlplane.store;

import io.longshore.common.scaling.SuspendedState;
import io.longshore.controlplane.domain.ScalableTarget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A service's scalable target; {@link #toDomain()} and {@link #set(ScalableTarget)} map it to and from the domain. */
@Entity
@Table(name = "scalable_target")
@IdClass(ScalableTargetEntity.Key.class)
public class ScalableTargetEntity {
    @Id
    public String cluster;
    @Id
    @Column(name = "service_name")
    public String serviceName;
    @Column(name = "min_capacity")
    public int minCapacity;
    @Column(name = "max_capacity")
    public int maxCapacity;
    /** JSON SuspendedState. */
    @Column(name = "suspended_state")
    public String suspendedState;
    public String arn;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public ScalableTarget toDomain() {
        return new ScalableTarget(cluster, serviceName, minCapacity, maxCapacity,
                JsonColumns.object(suspendedState, SuspendedState.class), arn, createdAt, updatedAt);
    }

    public ScalableTargetEntity set(ScalableTarget t) {
        cluster = t.cluster();
        serviceName = t.serviceName();
        minCapacity = t.minCapacity();
        maxCapacity = t.maxCapacity();
        suspendedState = JsonColumns.write(t.suspendedState());
        arn = t.arn();
        createdAt = t.createdAt();
        updatedAt = t.updatedAt();
        return this;
    }

    /** A service has at most one scalable target. */
    public static class Key implements Serializable {
        public String cluster;
        public String serviceName;

        public Key() {
        }

        public Key(String cluster, String serviceName) {
            this.cluster = cluster;
            this.serviceName = serviceName;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(cluster, k.cluster) && Objects.equals(serviceName, k.serviceName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cluster, serviceName);
        }
    }
}
