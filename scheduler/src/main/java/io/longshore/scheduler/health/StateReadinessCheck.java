package io.longshore.scheduler.health;

import io.longshore.scheduler.service.ClusterOwnership;
import io.longshore.scheduler.service.SchedulerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state topics have been replayed: before that the scheduler does not place. Its
 * data says which partitions and clusters this scheduler decides for.
 */
@Readiness
@ApplicationScoped
public class StateReadinessCheck implements HealthCheck {
    private final SchedulerState state;
    private final ClusterOwnership ownership;

    public StateReadinessCheck(SchedulerState state, ClusterOwnership ownership) {
        this.state = state;
        this.ownership = ownership;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster-state")
                .status(state.isCaughtUp())
                .withData("instances", state.instanceCount())
                .withData("partitions", ownership.decidablePartitions().stream().sorted().map(String::valueOf)
                        .collect(Collectors.joining(",")))
                .withData("decidesFor", state.clusterNames().stream().filter(ownership::decides).sorted()
                        .collect(Collectors.joining(",")))
                .build();
    }
}
