package io.longshore.agent.instance;

import io.longshore.agent.config.AgentConfig;
import io.longshore.agent.messaging.AgentCommandConsumer;
import io.longshore.agent.messaging.InstanceEventPublisher;
import io.longshore.agent.metrics.UsageSampler;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.simulation.SimulationLifecycle;
import io.longshore.agent.task.TaskSupervisor;
import io.longshore.common.messaging.InstanceEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The agent's life: register the host, adopt the tasks of the previous run, only then take
 * commands (the command channel starts paused and unsubscribed), then heartbeat, watch
 * containers and sample their usage. On shutdown it stops taking commands and leaves task
 * containers running, as the ECS agent does: the next start adopts them.
 */
@ApplicationScoped
public class AgentLifecycle {
    private static final Logger LOG = Logger.getLogger(AgentLifecycle.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

    private final AgentConfig config;
    private final AgentIdentity identity;
    private final InstanceProfile profile;
    private final TaskSupervisor supervisor;
    private final ContainerRuntime runtime;
    private final InstanceEventPublisher events;
    private final ChannelRegistry channels;
    private final UsageSampler usage;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-timers");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean registered;
    private volatile boolean ready;
    private volatile boolean stopping;

    public AgentLifecycle(AgentConfig config, AgentIdentity identity, InstanceProfile profile, TaskSupervisor supervisor,
                          ContainerRuntime runtime, InstanceEventPublisher events, ChannelRegistry channels,
                          UsageSampler usage, Clock clock) {
        this.config = config;
        this.identity = identity;
        this.profile = profile;
        this.supervisor = supervisor;
        this.runtime = runtime;
        this.events = events;
        this.channels = channels;
        this.usage = usage;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (SimulationLifecycle.enabled(config)) {
            // a simulated fleet (SimulationLifecycle) registers its own hosts; this host is not one
            LOG.info("simulation mode: no real container instance is registered; agent-commands stays paused");
            return;
        }
        LOG.infof("agent %s: container instance %s of cluster %s, state in %s, ports on %s", config.name(),
                identity.instanceId(), identity.cluster(), identity.stateDir().toAbsolutePath(), profile.bindIp());
        // Kafka and Docker may come up after us: keep trying on our own thread, never block start-up
        Thread startUp = new Thread(this::startUp, "agent-start-up");
        startUp.setDaemon(true);
        startUp.start();
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        timers.shutdownNow();
        usage.close();
        if (ready) {
            channels.getPausable(AgentCommandConsumer.CHANNEL).pause();
        }
        LOG.infof("agent stopping; %d task(s) keep running and are adopted at the next start",
                supervisor.runningTaskCount());
    }

    public boolean isRegistered() {
        return registered;
    }

    /** Registered, tasks adopted, commands flowing. */
    public boolean isReady() {
        return ready;
    }

    private void startUp() {
        Duration backoff = Duration.ofMillis(500);
        while (!stopping && !ready) {
            try {
                if (!registered) {
                    events.publishAndAwait(profile.registration(identity, clock.instant()), REGISTRATION_TIMEOUT);
                    registered = true;
                    // heartbeat from now on: adopting tasks may take a while (stop timeouts)
                    long heartbeat = config.heartbeatInterval().toMillis();
                    timers.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
                    LOG.infof("registered container instance %s (%d CPU units, %d MiB, attributes %s)",
                            identity.instanceId(), profile.resources().cpu(), profile.resources().memory(),
                            profile.attributes());
                }
                runtime.ping();
                supervisor.adoptAll();
                channels.getPausable(AgentCommandConsumer.CHANNEL).resume();
                long watch = config.watchInterval().toMillis();
                timers.scheduleWithFixedDelay(this::watch, watch, watch, TimeUnit.MILLISECONDS);
                usage.start(config.metricsInterval()); // its own threads: each reading takes the engine a second
                ready = true;
                LOG.info("agent ready: taking commands");
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warnf("agent start-up not complete (retrying in %d ms): %s", backoff.toMillis(), e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff.toMillis()));
                backoff = backoff.compareTo(Duration.ofSeconds(10)) >= 0 ? backoff : backoff.multipliedBy(2);
            }
        }
    }

    private void heartbeat() {
        try {
            events.publish(new InstanceEvent.Heartbeat(identity.cluster(), identity.instanceId(),
                    supervisor.runningTaskCount(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat failed: %s", e.getMessage());
        }
    }

    private void watch() {
        try {
            supervisor.watch();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and carry on
            LOG.warnf("cannot check containers: %s", e.getMessage());
        }
    }
}
