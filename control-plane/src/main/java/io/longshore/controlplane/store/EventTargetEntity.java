package io.longshore.controlplane.store;

import io.longshore.common.messaging.Json;
import io.longshore.controlplane.domain.EventTarget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A rule's target; the JSON members are stored as text. */
@Entity
@Table(name = "event_targets")
@IdClass(EventTargetEntity.Key.class)
public class EventTargetEntity {
    @Id
    public String bus;
    @Id
    public String rule;
    @Id
    public String id;
    public String arn;
    public String input;
    @Column(name = "input_path")
    public String inputPath;
    /** JSON InputTransformer. */
    @Column(name = "input_transformer")
    public String inputTransformer;
    /** JSON EcsParameters. */
    @Column(name = "ecs_parameters")
    public String ecsParameters;
    /** JSON RetryPolicy; null when the target set none. */
    @Column(name = "retry_policy")
    public String retryPolicy;
    @Column(name = "created_at")
    public Instant createdAt;

    public EventTarget toDomain() {
        return new EventTarget(id, arn, null, input, inputPath,
                inputTransformer == null ? null : Json.read(inputTransformer, EventTarget.InputTransformer.class),
                Json.read(ecsParameters, EventTarget.EcsParameters.class),
                retryPolicy == null ? null : Json.read(retryPolicy, EventTarget.RetryPolicy.class));
    }

    public void set(EventTarget target) {
        arn = target.arn();
        input = target.input();
        inputPath = target.inputPath();
        inputTransformer = JsonColumns.write(target.inputTransformer());
        ecsParameters = JsonColumns.write(target.ecsParameters());
        retryPolicy = JsonColumns.write(target.retryPolicy());
    }

    public static class Key implements Serializable {
        public String bus;
        public String rule;
        public String id;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(bus, k.bus) && Objects.equals(rule, k.rule)
                    && Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bus, rule, id);
        }
    }
}
