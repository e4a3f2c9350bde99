package io.longshore.controlplane.store;

import io.longshore.controlplane.domain.Service;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A service's row; {@link #toDomain()} and {@link #set(Service)} map it to and from the domain record. */
@Entity
@Table(name = "services")
@IdClass(ServiceEntity.Key.class)
public class ServiceEntity {
    @Id
    public String cluster;
    @Id
    public String name;
    public String status;
    @Column(name = "scheduling_strategy")
    public String schedulingStrategy;
    @Column(name = "task_definition_arn")
    public String taskDefinitionArn;
    @Column(name = "desired_count")
    public int desiredCount;
    @Column(name = "running_count")
    public int runningCount;
    @Column(name = "pending_count")
    public int pendingCount;
    /** JSON array of PlacementConstraint (the service's own, without the task definition's). */
    @Column(name = "placement_constraints")
    public String placementConstraints;
    /** JSON array of PlacementStrategy. */
    @Column(name = "placement_strategy")
    public String placementStrategy;
    /** JSON DeploymentConfiguration, defaults applied. */
    @Column(name = "deployment_configuration")
    public String deploymentConfiguration;
    @Column(name = "health_check_grace_period_seconds")
    public int healthCheckGracePeriodSeconds;
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "deployment_created_at")
    public Instant deploymentCreatedAt;
    /** JSON array of ServiceStatus.Deployment from the scheduler's last report; null before one. */
    public String deployments;
    /** The spec deployment the scheduler's last report had acted on. */
    @Column(name = "status_deployment_id")
    public String statusDeploymentId;
    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /**
     * When the pull credentials in the last published spec's task template expire (the soonest of
     * them); null when it carries none. Bookkeeping of publication, not part of the domain record.
     */
    @Column(name = "template_credentials_expire_at")
    public Instant templateCredentialsExpireAt;
    /** JSON array of CapacityProviderStrategyItem (empty: any instance). */
    @Column(name = "capacity_provider_strategy")
    public String capacityProviderStrategy;

    public Service toDomain() {
        return new Service(cluster, name, status, schedulingStrategy, taskDefinitionArn, desiredCount, runningCount,
                pendingCount, JsonColumns.placementConstraints(placementConstraints),
                JsonColumns.placementStrategies(placementStrategy),
                JsonColumns.deploymentConfiguration(deploymentConfiguration), healthCheckGracePeriodSeconds,
                deploymentId, deploymentCreatedAt, JsonColumns.deployments(deployments), statusDeploymentId,
                statusUpdatedAt, createdAt, updatedAt, JsonColumns.capacityProviderStrategy(capacityProviderStrategy));
    }

    /** Takes every member of the service (its cluster and name included). */
    public ServiceEntity set(Service s) {
        cluster = s.cluster();
        name = s.serviceName();
        status = s.status();
        schedulingStrategy = s.schedulingStrategy();
        taskDefinitionArn = s.taskDefinitionArn();
        desiredCount = s.desiredCount();
        runningCount = s.runningCount();
        pendingCount = s.pendingCount();
        placementConstraints = JsonColumns.write(s.placementConstraints());
        placementStrategy = JsonColumns.write(s.placementStrategy());
        deploymentConfiguration = JsonColumns.write(s.deploymentConfiguration());
        healthCheckGracePeriodSeconds = s.healthCheckGracePeriodSeconds();
        deploymentId = s.deploymentId();
        deploymentCreatedAt = s.deploymentCreatedAt();
        deployments = JsonColumns.write(s.deployments());
        statusDeploymentId = s.statusDeploymentId();
        statusUpdatedAt = s.statusUpdatedAt();
        createdAt = s.createdAt();
        updatedAt = s.updatedAt();
        capacityProviderStrategy = JsonColumns.write(s.capacityProviderStrategy());
        return this;
    }

    /** The primary key: a service's name is unique in its cluster. */
    public static class Key implements Serializable {
        public String cluster;
        public String name;

        public Key() {
        }

        public Key(String cluster, String name) {
            this.cluster = cluster;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(cluster, k.cluster) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cluster, name);
        }
    }
}
