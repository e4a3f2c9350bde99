package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "clusters")
public class ClusterEntity {
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    @Id
    public String name;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
