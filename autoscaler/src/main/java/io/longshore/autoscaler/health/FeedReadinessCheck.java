package io.longshore.autoscaler.health;

import io.longshore.autoscaler.capacity.CapacityState;
import io.longshore.autoscaler.service.ScalingState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once targets, service specs, capacity providers, capacity figures and earlier decisions
 * have been replayed: before that nothing is decided.
 */
@Readiness
@ApplicationScoped
public class FeedReadinessCheck implements HealthCheck {
    private final ScalingState state;
    private final CapacityState capacity;

    public FeedReadinessCheck(ScalingState state, CapacityState capacity) {
        this.state = state;
        this.capacity = capacity;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("scaling-state")
                .status(state.isCaughtUp() && capacity.isCaughtUp())
                .withData("scalableTargets", state.targetCount())
                .withData("capacityProviders", capacity.providerCount())
                .build();
    }
}
