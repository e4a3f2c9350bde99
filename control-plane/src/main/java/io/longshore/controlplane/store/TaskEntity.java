package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A task as the control plane knows it: what was asked (spec) and what was last reported. */
@Entity
@Table(name = "tasks")
public class TaskEntity {
    @Id
    public String id;
    public String cluster;
    @Column(name = "task_definition_arn")
    public String taskDefinitionArn;
    public String family;
    @Column(name = "group_name")
    public String groupName;
    @Column(name = "started_by")
    public String startedBy;
    /** The RunTask call that created the task; null for a service's task, which the scheduler created. */
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "last_status")
    public String lastStatus;
    @Column(name = "desired_status")
    public String desiredStatus;
    public int cpu;
    public int memory;
    /** JSON TaskSpec. */
    public String spec;
    @Column(name = "container_instance_id")
    public String containerInstanceId;
    /** JSON Allocation, once placed. */
    public String allocation;
    /** JSON array of ContainerState, once reported. */
    public String containers;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "stopping_at")
    public Instant stoppingAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "stop_code")
    public String stopCode;
    @Column(name = "stopped_reason")
    public String stoppedReason;
    /** HEALTHY, UNHEALTHY or UNKNOWN, as the agent last reported it; null before it has. */
    @Column(name = "health_status")
    public String healthStatus;
    /** The capacity provider it runs on (from a capacity provider strategy); null: any instance. */
    @Column(name = "capacity_provider_name")
    public String capacityProviderName;
    /** ECS's task version: bumped on every change. */
    public long version;
}
