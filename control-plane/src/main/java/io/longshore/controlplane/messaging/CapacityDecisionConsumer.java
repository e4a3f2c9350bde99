package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.service.CapacityDecisionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Carries out cluster scaling's decisions (drain, deregister, a group's status); each is idempotent,
 * so a redelivery changes nothing. A record that cannot be read goes to the dead-letter topic; a
 * database hiccup is retried a few times first.
 */
@ApplicationScoped
public class CapacityDecisionConsumer {
    private final CapacityDecisionService decisions;

    public CapacityDecisionConsumer(CapacityDecisionService decisions) {
        this.decisions = decisions;
    }

    @Incoming("capacity-decisions")
    public Uni<Void> onDecision(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(decision -> decisions.apply(decision)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3));
    }

    static CapacityDecision read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("capacity decision without a value");
        }
        CapacityDecision decision = Json.read(payload, CapacityDecision.class);
        if (decision.cluster() == null || decision.capacityProviderName() == null) {
            throw new IllegalArgumentException("capacity decision without cluster or capacityProviderName");
        }
        if (decision instanceof CapacityDecision.DrainInstance d && d.containerInstanceId() == null
                || decision instanceof CapacityDecision.DeregisterInstance r && r.containerInstanceId() == null) {
            throw new IllegalArgumentException("capacity decision " + decision.getClass().getSimpleName()
                    + " without containerInstanceId");
        }
        if (decision instanceof CapacityDecision.GroupStatus s) {
            if (s.autoScalingGroupName() == null) {
                throw new IllegalArgumentException("group status without autoScalingGroupName");
            }
            if (s.activity() != null && (s.activity().activityId() == null || s.activity().activityId().length() > 255
                    || s.activity().description() == null || s.activity().cause() == null)) {
                throw new IllegalArgumentException("group status of " + s.autoScalingGroupName()
                        + " with an activity without an id (at most 255 characters), description or cause");
            }
        }
        return decision;
    }
}
