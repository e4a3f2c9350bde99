package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of a service's event log, as the scheduler reported it. */
@Entity
@Table(name = "service_events")
public class ServiceEventEntity {
    @Id
    public String id;
    public String cluster;
    @Column(name = "service_name")
    public String serviceName;
    @Column(name = "created_at")
    public Instant createdAt;
    public String message;
}
