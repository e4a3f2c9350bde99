package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A change of a service's desired count that auto scaling made (or failed to make), with its cause. */
@Entity
@Table(name = "scaling_activity")
public class ScalingActivityEntity {
    @Id
    @Column(name = "activity_id")
    public String activityId;
    public String cluster;
    @Column(name = "service_name")
    public String serviceName;
    public String description;
    public String cause;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "end_time")
    public Instant endTime;
    @Column(name = "status_code")
    public String statusCode;
    @Column(name = "status_message")
    public String statusMessage;
    public String details;

    public static ScalingActivityEntity of(String activityId, String cluster, String serviceName, String description,
                                           String cause, Instant startTime, Instant endTime, String statusCode,
                                           String statusMessage) {
        ScalingActivityEntity row = new ScalingActivityEntity();
        row.activityId = activityId;
        row.cluster = cluster;
        row.serviceName = serviceName;
        row.description = description;
        row.cause = cause;
        row.startTime = startTime;
        row.endTime = endTime;
        row.statusCode = statusCode;
        row.statusMessage = statusMessage;
        return row;
    }
}
