package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/**
 * What the autoscaler's cluster scaling did or wants of the control plane, on
 * {@link Topics#CAPACITY_DECISIONS}, keyed {@code <cluster>/<capacityProviderName>}. Each is
 * idempotent: a redelivered one changes nothing more.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CapacityDecision.DrainInstance.class, name = "DrainInstance"),
        @JsonSubTypes.Type(value = CapacityDecision.DeregisterInstance.class, name = "DeregisterInstance"),
        @JsonSubTypes.Type(value = CapacityDecision.GroupStatus.class, name = "GroupStatus")
})
public sealed interface CapacityDecision {
    int SCHEMA_VERSION = 1;

    String cluster();

    String capacityProviderName();

    default String key() {
        return MessageKeys.of(cluster(), capacityProviderName());
    }

    /** Scale-in chose this empty instance: set it DRAINING so that nothing more is placed on it. */
    record DrainInstance(int schemaVersion, String cluster, String capacityProviderName, String containerInstanceId,
                         String reason, Instant at) implements CapacityDecision {
        public DrainInstance(String cluster, String capacityProviderName, String containerInstanceId, String reason,
                             Instant at) {
            this(SCHEMA_VERSION, cluster, capacityProviderName, containerInstanceId, reason, at);
        }
    }

    /** The drained instance's host was terminated: deregister the instance (INACTIVE). */
    record DeregisterInstance(int schemaVersion, String cluster, String capacityProviderName,
                              String containerInstanceId, String reason, Instant at) implements CapacityDecision {
        public DeregisterInstance(String cluster, String capacityProviderName, String containerInstanceId,
                                  String reason, Instant at) {
            this(SCHEMA_VERSION, cluster, capacityProviderName, containerInstanceId, reason, at);
        }
    }

    /**
     * The group as it is after a round: its desired capacity, the hosts it has, the reservation, and
     * (when the round changed something) a scaling activity.
     *
     * @param reservation CapacityProviderReservation in percent
     * @param activity    what this round did (null: nothing)
     */
    record GroupStatus(int schemaVersion, String cluster, String capacityProviderName, String autoScalingGroupName,
                       int desiredCapacity, List<String> hostIds, int instancesNeeded, double reservation,
                       Activity activity, Instant at) implements CapacityDecision {
        public GroupStatus(String cluster, String capacityProviderName, String autoScalingGroupName,
                           int desiredCapacity, List<String> hostIds, int instancesNeeded, double reservation,
                           Activity activity, Instant at) {
            this(SCHEMA_VERSION, cluster, capacityProviderName, autoScalingGroupName, desiredCapacity, hostIds,
                    instancesNeeded, reservation, activity, at);
        }
    }

    /**
     * One scaling activity of a group, as EC2 Auto Scaling words it.
     *
     * @param activityId  derived from what it did, so a repeated one is recorded once
     * @param description e.g. "Launching a new host: h-3f2a"
     * @param cause       e.g. "CapacityProviderReservation 200 is above the target 100: 2 hosts needed, 1 running"
     */
    record Activity(String activityId, String description, String cause) {
    }
}
