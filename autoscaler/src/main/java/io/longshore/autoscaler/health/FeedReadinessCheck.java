package io.longshore.autoscaler.health;

import io.longshore.autoscaler.service.ScalingState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once targets, service specs and earlier decisions have been replayed: before that nothing is decided. */
@Readiness
@ApplicationScoped
public class FeedReadinessCheck implements HealthCheck {
    private final ScalingState state;

    public FeedReadinessCheck(ScalingState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("scaling-state")
                .status(state.isCaughtUp())
                .withData("scalableTargets", state.targetCount())
                .build();
    }
}
