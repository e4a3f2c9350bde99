package io.longshore.agent.simulation;

import io.longshore.agent.config.AgentConfig;
import io.longshore.agent.instance.PortRange;
import io.longshore.agent.messaging.FleetCommandConsumer;
import io.longshore.agent.messaging.InstanceEventPublisher;
import io.longshore.agent.messaging.KafkaStateReporter;
import io.longshore.agent.messaging.KafkaUsageReporter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the simulated fleet when {@code longshore.agent.simulate} is above zero (the real agent's
 * {@code AgentLifecycle} then stands aside): reads the spec, starts the hosts and the one command
 * consumer; on shutdown stops both.
 */
@ApplicationScoped
public class SimulationLifecycle {
    private static final Logger LOG = Logger.getLogger(SimulationLifecycle.class);

    private final AgentConfig config;
    private final InstanceEventPublisher events;
    private final KafkaStateReporter reporter;
    private final KafkaUsageReporter usage;
    private final Clock clock;
    private final String bootstrapServers;
    private volatile SimulatedFleet fleet;
    private volatile FleetCommandConsumer commands;

    public SimulationLifecycle(AgentConfig config, InstanceEventPublisher events, KafkaStateReporter reporter,
                               KafkaUsageReporter usage, Clock clock, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.events = events;
        this.reporter = reporter;
        this.usage = usage;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    /** Whether this process is a simulated fleet rather than a real agent. */
    public static boolean enabled(AgentConfig config) {
        return config.simulate() > 0;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled(config)) {
            return;
        }
        SimulationSpec.Defaults defaults = new SimulationSpec.Defaults(config.cluster(), config.heartbeatInterval());
        SimulationSpec spec = config.simulationFile()
                .map(file -> SimulationSpec.read(Path.of(file), defaults))
                .orElseGet(() -> SimulationSpec.defaults(defaults))
                .withHostCount(config.simulate());
        PortRange ephemeral = PortRange.parse(config.ephemeralPorts());
        SimulatedFleet.HostSettings settings = new SimulatedFleet.HostSettings(config.bindIp(), config.agentVersion(),
                config.reservedPorts(), ephemeral.from(), ephemeral.to(), config.watchInterval(), config.metricsInterval());
        SimulatedFleet started = new SimulatedFleet(spec, settings, events::send, reporter, usage, clock);
        started.start();
        fleet = started;
        commands = new FleetCommandConsumer(bootstrapServers, spec.cluster(), started::dispatch);
        commands.start();
        LOG.infof("simulation: %d hosts of cluster %s from %s", spec.hosts().count(), spec.cluster(),
                config.simulationFile().orElse("the default spec"));
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        if (commands != null) {
            commands.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    /** The running fleet; empty when this is a real agent or the fleet has not started yet. */
    public Optional<SimulatedFleet> fleet() {
        return Optional.ofNullable(fleet);
    }
}
