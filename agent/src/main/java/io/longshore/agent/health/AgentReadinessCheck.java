package io.longshore.agent.health;

import io.longshore.agent.instance.AgentIdentity;
import io.longshore.agent.instance.AgentLifecycle;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.ContainerRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Docker answers and the instance is registered, its tasks adopted, and commands flowing. */
@Readiness
@ApplicationScoped
public class AgentReadinessCheck implements HealthCheck {
    private final AgentIdentity identity;
    private final AgentLifecycle lifecycle;
    private final ContainerRuntime runtime;

    public AgentReadinessCheck(AgentIdentity identity, AgentLifecycle lifecycle, ContainerRuntime runtime) {
        this.identity = identity;
        this.lifecycle = lifecycle;
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
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
}
