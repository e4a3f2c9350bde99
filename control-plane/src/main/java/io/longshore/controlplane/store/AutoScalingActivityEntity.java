package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A scaling activity of an auto scaling group, as the autoscaler's GroupStatus reported it; written by {@link AutoScalingActivityRepository#insertIfAbsent}. */
@Entity
@Table(name = "auto_scaling_activity")
public class AutoScalingActivityEntity {
    public static final String SUCCESSFUL = "Successful";

    @Id
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "auto_scaling_group_name")
    public String autoScalingGroupName;
    public String cluster;
    @Column(name = "capacity_provider_name")
    public String capacityProviderName;
    public String description;
    public String cause;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "status_code")
    public String statusCode;
}
