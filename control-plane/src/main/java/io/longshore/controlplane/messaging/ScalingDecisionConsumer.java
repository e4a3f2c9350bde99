package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.ScalingDecision;
import io.longshore.controlplane.service.ScalingDecisionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Carries out the autoscaler's decisions, once each (by activity id). A record that cannot be read
 * goes to the dead-letter topic; a database hiccup is retried a few times first.
 */
@ApplicationScoped
public class ScalingDecisionConsumer {
    private final ScalingDecisionService decisions;

    public ScalingDecisionConsumer(ScalingDecisionService decisions) {
        this.decisions = decisions;
    }

    @Incoming("scaling-decisions")
    public Uni<Void> onDecision(String payload) {
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(decision -> decisions.apply(decision)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                .replaceWithVoid();
    }

    static ScalingDecision read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("scaling decision without a value");
        }
        ScalingDecision decision = Json.read(payload, ScalingDecision.class);
        if (decision.activityId() == null || decision.cluster() == null || decision.serviceName() == null) {
            throw new IllegalArgumentException("scaling decision without activityId, cluster or serviceName");
        }
        if (decision.activityId().length() > 64) {
            throw new IllegalArgumentException("scaling decision activity id longer than 64 characters");
        }
        if (decision.toCapacity() < 0) {
            throw new IllegalArgumentException("scaling decision " + decision.activityId() + " to a negative capacity");
        }
        return decision;
    }
}
