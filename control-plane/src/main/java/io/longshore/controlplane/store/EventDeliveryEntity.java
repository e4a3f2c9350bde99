package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The delivery of one event to one target of one rule, over all its attempts. */
@Entity
@Table(name = "event_deliveries")
@IdClass(EventDeliveryEntity.Key.class)
public class EventDeliveryEntity {
    public static final String RUNNING = "RUNNING";
    public static final String RETRYING = "RETRYING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    @Id
    public String bus;
    @Id
    public String rule;
    @Id
    @Column(name = "target_id")
    public String targetId;
    @Id
    @Column(name = "event_id")
    public String eventId;
    /** JSON BusEvent. */
    public String event;
    @Column(name = "ingested_at")
    public Instant ingestedAt;
    public String state;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String bus;
        public String rule;
        public String targetId;
        public String eventId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(bus, k.bus) && Objects.equals(rule, k.rule)
                    && Objects.equals(targetId, k.targetId) && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bus, rule, targetId, eventId);
        }
    }
}
