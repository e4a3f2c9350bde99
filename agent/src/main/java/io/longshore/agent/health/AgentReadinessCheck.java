package io.longshore.agent.health;

import io.longshore.agent.config.AgentConfig;
import io.longshore.agent.instance.AgentIdentity;
import io.longshore.agent.instance.AgentLifecycle;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.ContainerRuntimeException;
import io.longshore.agent.simulation.SimulatedFleet;
import io.longshore.agent.simulation.SimulationLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Docker answers and the instance is registered, its tasks adopted, and commands flowing; in simulation
 * mode, when the simulated fleet's live hosts are all registered.
 */
@Readiness
@ApplicationScoped
public class AgentReadinessCheck implements HealthCheck {
    private final AgentIdentity identity;
    private final AgentLifecycle lifecycle;
    private final ContainerRuntime runtime;
    private final AgentConfig config;
    private final SimulationLifecycle simulation;

    public AgentReadinessCheck(AgentIdentity identity, AgentLifecycle lifecycle, ContainerRuntime runtime,
                               AgentConfig config, SimulationLifecycle simulation) {
        this.identity = identity;
        this.lifecycle = lifecycle;
        this.runtime = runtime;
        this.config = config;
        this.simulation = simulation;
    }

    @Override
    public HealthCheckResponse call() {
        if (SimulationLifecycle.enabled(config)) {
            return fleet();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("agent")
                .withData("containerInstanceId", identity.instanceId())
                .withData("cluster", identity.cluster())
                .withData("registered", lifecycle.isRegistered())
                .withData("ready", lifecycle.isReady());
        boolean docker;
        try {
            runtime.ping();
            docker = true;
            response.withData("docker", "UP");
        } catch (ContainerRuntimeException e) {
            docker = false;
            response.withData("docker", "DOWN: " + e.getMessage());
        }
        return response.status(docker && lifecycle.isRegistered() && lifecycle.isReady()).build();
    }

    /** A simulating process is ready when every simulated host that is not lost is registered. */
    private HealthCheckResponse fleet() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("simulated-fleet");
        Optional<SimulatedFleet.Status> status = simulation.fleet().map(SimulatedFleet::status);
        if (status.isEmpty()) {
            return response.withData("started", false).down().build();
        }
        SimulatedFleet.Status s = status.get();
        return response.withData("cluster", simulation.fleet().get().cluster())
                .withData("hosts", s.hosts())
                .withData("registered", s.registered())
                .withData("lost", s.lost())
                .withData("runningTasks", s.runningTasks())
                .withData("reportsSent", s.reportsSent())
                .status(s.ready())
                .build();
    }
}
