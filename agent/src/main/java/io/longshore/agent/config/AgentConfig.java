package io.longshore.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The agent's configuration ({@code longshore.agent.*}, or the matching environment variables such
 * as {@code LONGSHORE_AGENT_BIND_IP}).
 */
@ConfigMapping(prefix = "longshore.agent")
public interface AgentConfig {

    /** The cluster this host joins. */
    @WithDefault("default")
    String cluster();

    /** A human name for this agent, used in logs. */
    @WithDefault("agent")
    String name();

    /** Where the instance id and the task files live; survives agent restarts. */
    @WithDefault(".longshore/agent")
    String stateDir();

    /** The address task ports are published on; two agents on one machine use two loopback addresses. */
    @WithDefault("127.0.0.1")
    String bindIp();

    /** CPU units offered (1 vCPU = 1024); default: the host's processors × 1024. */
    OptionalInt cpu();

    /** Memory offered in MiB; default: the host's total memory. */
    OptionalInt memory();

    /** Custom attributes, {@code name=value,name2=value2} (e.g. {@code ecs.availability-zone=local-a}). */
    Optional<String> attributes();

    /**
     * The capacity provider whose auto scaling group this host belongs to; the autoscaler's
     * provisioners set it on the hosts they start. Unset: the host belongs to none.
     */
    Optional<String> capacityProvider();

    /** The range dynamic host ports are taken from, {@code from-to}. */
    @WithDefault("49153-65535")
    String ephemeralPorts();

    /** Host ports never handed out to tasks. */
    @WithDefault("22,2375,2376,51678,51679")
    List<Integer> reservedPorts();

    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How often running containers are checked for exits and health check results (one engine listing per pass). */
    @WithDefault("1s")
    Duration watchInterval();

    /** How often each running task's CPU and memory use is sampled and published to longshore.metrics. */
    @WithDefault("20s")
    Duration metricsInterval();

    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /** How long one image pull may take before the task fails with CannotPullContainerError. */
    @WithDefault("5m")
    Duration pullTimeout();

    @WithDefault("0.1.0")
    String agentVersion();

    /**
     * How many simulated hosts to run in this process instead of being a real agent (0: a real
     * agent). Simulated hosts register, heartbeat and report like real ones and never touch Docker.
     * The command line's {@code --simulate N} sets it.
     */
    @WithDefault("0")
    int simulate();

    /** The simulation's JSON spec (hosts, attributes, task lifecycle); see SimulationSpec. {@code --simulation FILE}. */
    Optional<String> simulationFile();
}
