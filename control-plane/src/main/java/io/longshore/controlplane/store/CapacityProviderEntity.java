package io.longshore.controlplane.store;

import io.longshore.controlplane.domain.CapacityProvider;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A capacity provider's row; {@link #toDomain()} and {@link #set} map it to and from the domain record. */
@Entity
@Table(name = "capacity_provider")
public class CapacityProviderEntity {
    @Id
    public String name;
    public String arn;
    public String status;
    @Column(name = "auto_scaling_group_name")
    public String autoScalingGroupName;
    @Column(name = "auto_scaling_group_arn")
    public String autoScalingGroupArn;
    /** JSON CapacityProvider.ManagedScaling, defaults applied. */
    @Column(name = "managed_scaling")
    public String managedScaling;
    @Column(name = "managed_termination_protection")
    public String managedTerminationProtection;
    /** The cluster it is associated with; null: none. */
    public String cluster;
    @Column(name = "update_status")
    public String updateStatus;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public CapacityProvider toDomain() {
        return new CapacityProvider(name, arn, status, autoScalingGroupName, autoScalingGroupArn,
                JsonColumns.object(managedScaling, CapacityProvider.ManagedScaling.class), managedTerminationProtection,
                cluster, updateStatus, createdAt, updatedAt);
    }

    public CapacityProviderEntity set(CapacityProvider p) {
        name = p.name();
        arn = p.arn();
        status = p.status();
        autoScalingGroupName = p.autoScalingGroupName();
        autoScalingGroupArn = p.autoScalingGroupArn();
        managedScaling = JsonColumns.write(p.managedScaling());
        managedTerminationProtection = p.managedTerminationProtection();
        cluster = p.cluster();
        updateStatus = p.updateStatus();
        createdAt = p.createdAt();
        updatedAt = p.updatedAt();
        return this;
    }
}
