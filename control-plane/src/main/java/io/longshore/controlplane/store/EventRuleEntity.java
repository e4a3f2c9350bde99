package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A rule on an event bus: an event pattern or a schedule expression. */
@Entity
@Table(name = "event_rules")
@IdClass(EventRuleEntity.Key.class)
public class EventRuleEntity {
    @Id
    public String bus;
    @Id
    public String name;
    public String description;
    @Column(name = "event_pattern")
    public String eventPattern;
    @Column(name = "schedule_expression")
    public String scheduleExpression;
    @Column(name = "schedule_timezone")
    public String scheduleTimezone;
    /** ENABLED or DISABLED. */
    public String state;
    @Column(name = "schedule_anchor")
    public Instant scheduleAnchor;
    @Column(name = "last_fired_at")
    public Instant lastFiredAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isEnabled() {
        return "ENABLED".equals(state);
    }

    public static class Key implements Serializable {
        public String bus;
        public String name;

        public Key() {
        }

        public Key(String bus, String name) {
            this.bus = bus;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(bus, k.bus) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bus, name);
        }
    }
}
