package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A task one attempt of a delivery started. */
@Entity
@Table(name = "event_runs")
public class EventRunEntity {
    @Id
    @Column(name = "task_id")
    public String taskId;
    public String bus;
    public String rule;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "event_id")
    public String eventId;
    public int attempt;
}
