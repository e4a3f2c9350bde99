package io.longshore.agent.config;

import io.longshore.agent.instance.AgentIdentity;
import io.longshore.agent.instance.HostResources;
import io.longshore.agent.instance.InstanceAttributes;
import io.longshore.agent.instance.InstanceProfile;
import io.longshore.agent.metrics.UsageReporter;
import io.longshore.agent.metrics.UsageSampler;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.DockerContainerRuntime;
import io.longshore.agent.runtime.ImagePuller;
import io.longshore.agent.runtime.RegistryImagePuller;
import io.longshore.agent.simulation.SimulatedContainerRuntime;
import io.longshore.agent.simulation.SimulationLifecycle;
import io.longshore.agent.simulation.TaskLifecycle;
import io.longshore.agent.task.FileTaskStore;
import io.longshore.agent.task.MemoryTaskStore;
import io.longshore.agent.task.StateReporter;
import io.longshore.agent.task.TaskStore;
import io.longshore.agent.task.TaskSupervisor;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the framework-free core (runtime, store, supervisor) from configuration. */
@Dependent
public class AgentBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AgentIdentity identity(AgentConfig config) {
        if (SimulationLifecycle.enabled(config)) {
            // the real agent's beans still exist but stay idle: no state directory is written
            return new AgentIdentity(config.cluster(), "0".repeat(32), Path.of(config.stateDir()));
        }
        return AgentIdentity.loadOrCreate(config.cluster(), Path.of(config.stateDir()));
    }

    @Produces
    @Singleton
    InstanceProfile profile(AgentConfig config) {
        return InstanceProfile.of(hostname(), config.bindIp(), config.agentVersion(), config.cpu(), config.memory(),
                config.reservedPorts(), config.ephemeralPorts(),
                InstanceAttributes.of(System.getProperty("os.arch"), config.attributes()),
                config.capacityProvider().orElse(null));
    }

    @Produces
    @Singleton
    ContainerRuntime containerRuntime(AgentConfig config, Clock clock) {
        if (SimulationLifecycle.enabled(config)) {
            // a simulating process never talks to Docker, not even through the idle real-agent beans
            return new SimulatedContainerRuntime(TaskLifecycle.steady(), 0, "idle", clock,
                    SimulatedContainerRuntime.Sleeper.REAL);
        }
        return DockerContainerRuntime.connect(config.dockerHost());
    }

    void closeRuntime(@Disposes ContainerRuntime runtime) throws Exception {
        if (runtime instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Produces
    @Singleton
    ImagePuller imagePuller(ContainerRuntime runtime, AgentConfig config) {
        return new RegistryImagePuller(runtime, config.pullTimeout());
    }

    @Produces
    @Singleton
    TaskStore taskStore(AgentIdentity identity, AgentConfig config, Clock clock) {
        if (SimulationLifecycle.enabled(config)) {
            return new MemoryTaskStore(clock);
        }
        return new FileTaskStore(identity.stateDir());
    }

    @Produces
    @Singleton
    TaskSupervisor supervisor(AgentIdentity identity, AgentConfig config, ContainerRuntime runtime, ImagePuller puller,
                              TaskStore store, StateReporter reporter, Clock clock) {
        return new TaskSupervisor(identity.instanceId(), config.bindIp(), runtime, puller, store, reporter, clock);
    }

    void closeSupervisor(@Disposes TaskSupervisor supervisor) {
        supervisor.close();
    }

    /** Tasks without a reservation are measured against the whole host, which they may use. */
    @Produces
    @Singleton
    UsageSampler usageSampler(AgentIdentity identity, TaskSupervisor supervisor, ContainerRuntime runtime,
                              UsageReporter reporter, Clock clock) {
        return new UsageSampler(identity.instanceId(), supervisor::runningTasks, runtime, reporter, clock,
                HostResources.cpuUnits(), HostResources.memoryMiB());
    }

    void closeUsageSampler(@Disposes UsageSampler sampler) {
        sampler.close();
    }

    private static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv;
        }
    }
}
