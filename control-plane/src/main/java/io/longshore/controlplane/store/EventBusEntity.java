package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event bus: {@code default} or one a user created. */
@Entity
@Table(name = "event_buses")
public class EventBusEntity {
    @Id
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}
