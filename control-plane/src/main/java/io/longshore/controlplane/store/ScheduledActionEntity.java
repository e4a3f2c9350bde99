package io.longshore.controlplane.store;

import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScheduledAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A scheduled action of a scalable target. */
@Entity
@Table(name = "scheduled_action")
@IdClass(TargetMemberKey.class)
public class ScheduledActionEntity {
    @Id
    public String cluster;
    @Id
    @Column(name = "service_name")
    public String serviceName;
    @Id
    public String name;
    public String schedule;
    public String timezone;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "end_time")
    public Instant endTime;
    @Column(name = "min_capacity")
    public Integer minCapacity;
    @Column(name = "max_capacity")
    public Integer maxCapacity;
    public String arn;
    @Column(name = "creation_time")
    public Instant creationTime;

    public ScheduledAction toDomain() {
        return new ScheduledAction(name, arn, schedule, timezone, startTime, endTime,
                new ScalableTargetAction(minCapacity, maxCapacity), creationTime);
    }

    public ScheduledActionEntity set(String cluster, String serviceName, ScheduledAction a) {
        this.cluster = cluster;
        this.serviceName = serviceName;
        name = a.scheduledActionName();
        schedule = a.schedule();
        timezone = a.timezone();
        startTime = a.startTime();
        endTime = a.endTime();
        minCapacity = a.scalableTargetAction().minCapacity();
        maxCapacity = a.scalableTargetAction().maxCapacity();
        arn = a.scheduledActionARN();
        creationTime = a.creationTime();
        return this;
    }
}
