package io.longshore.scheduler.health;

import io.longshore.scheduler.service.SchedulerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the state topics have been replayed: before that the scheduler does not place. */
@Readiness
@ApplicationScoped
public class StateReadinessCheck implements HealthCheck {
    private final SchedulerState state;

    public StateReadinessCheck(SchedulerState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster-state")
                .status(state.isCaughtUp())
                .withData("instances", state.instanceCount())
                .build();
    }
}
