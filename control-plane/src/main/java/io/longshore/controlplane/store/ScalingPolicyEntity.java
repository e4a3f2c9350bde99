package io.longshore.controlplane.store;

import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.controlplane.domain.TargetPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A scaling policy of a scalable target, its type's configuration as JSON. */
@Entity
@Table(name = "scaling_policy")
@IdClass(TargetMemberKey.class)
public class ScalingPolicyEntity {
    @Id
    public String cluster;
    @Id
    @Column(name = "service_name")
    public String serviceName;
    @Id
    public String name;
    public String type;
    public String configuration;
    public String alarm;
    public String alarms;
    public String arn;
    @Column(name = "creation_time")
    public Instant creationTime;

    public TargetPolicy toDomain() {
        boolean targetTracking = ScalingPolicy.TARGET_TRACKING.equals(type);
        ScalingPolicy policy = new ScalingPolicy(name, arn, type,
                targetTracking ? JsonColumns.object(configuration, TargetTrackingScalingPolicyConfiguration.class) : null,
                targetTracking ? null : JsonColumns.object(configuration, StepScalingPolicyConfiguration.class),
                JsonColumns.object(alarm, ScalingAlarm.class), creationTime);
        return new TargetPolicy(policy, JsonColumns.policyAlarms(alarms));
    }

    public ScalingPolicyEntity set(String cluster, String serviceName, TargetPolicy stored) {
        ScalingPolicy p = stored.policy();
        this.cluster = cluster;
        this.serviceName = serviceName;
        name = p.policyName();
        type = p.policyType();
        configuration = JsonColumns.write(ScalingPolicy.TARGET_TRACKING.equals(p.policyType())
                ? p.targetTrackingScalingPolicyConfiguration() : p.stepScalingPolicyConfiguration());
        alarm = JsonColumns.write(p.alarm());
        alarms = JsonColumns.write(stored.alarms());
        arn = p.policyARN();
        creationTime = p.creationTime();
        return this;
    }
}
