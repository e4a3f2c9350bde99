package io.longshore.controlplane.store;

import io.longshore.controlplane.domain.TaskDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "task_definitions")
public class TaskDefinitionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String family;
    public int revision;
    public String status;
    @Column(name = "network_mode")
    public String networkMode;
    public Integer cpu;
    public Integer memory;
    /** JSON array of ContainerDefinition. */
    @Column(name = "container_definitions")
    public String containerDefinitions;
    /** JSON array of PlacementConstraint (memberOf only). */
    @Column(name = "placement_constraints")
    public String placementConstraints;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "deregistered_at")
    public Instant deregisteredAt;

    public TaskDefinition toDomain() {
        return new TaskDefinition(family, revision, status, JsonColumns.containerDefinitions(containerDefinitions),
                cpu, memory, networkMode, registeredAt, deregisteredAt,
                JsonColumns.placementConstraints(placementConstraints));
    }
}
