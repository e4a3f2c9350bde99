package io.longshore.autoscaler.hosts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The environment a host's agent is configured by (the agent's {@code AgentConfig} read from
 * environment variables, and Kafka's {@code kafka.bootstrap.servers}).
 */
public final class AgentEnvironment {
    /** The port each agent's HTTP endpoint listens on, on its own bind address. */
    static final String AGENT_HTTP_PORT = "8090";

    private AgentEnvironment() {
    }

    /**
     * @param stateDir   where the agent keeps its instance id and task files
     * @param dockerHost the engine the agent runs tasks on, as the agent sees it
     */
    public static Map<String, String> of(HostLaunch launch, String kafkaBootstrapServers, String stateDir,
                                         String dockerHost) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("LONGSHORE_AGENT_CLUSTER", launch.cluster());
        env.put("LONGSHORE_AGENT_CAPACITY_PROVIDER", launch.capacityProviderName());
        env.put("LONGSHORE_AGENT_CPU", Integer.toString(launch.cpu()));
        env.put("LONGSHORE_AGENT_MEMORY", Integer.toString(launch.memory()));
        env.put("LONGSHORE_AGENT_BIND_IP", launch.bindIp());
        env.put("LONGSHORE_AGENT_ATTRIBUTES", attributes(launch));
        env.put("LONGSHORE_AGENT_NAME", launch.hostId());
        env.put("LONGSHORE_AGENT_STATE_DIR", stateDir);
        env.put("LONGSHORE_AGENT_DOCKER_HOST", dockerHost);
        // every agent's HTTP endpoint on its own address: hosts share the machine's network
        env.put("QUARKUS_HTTP_HOST", launch.bindIp());
        env.put("QUARKUS_HTTP_PORT", AGENT_HTTP_PORT);
        return env;
    }

    /** {@code k=v,k2=v2}, sorted, the host id always among them. */
    static String attributes(HostLaunch launch) {
        Map<String, String> all = new TreeMap<>(launch.attributes());
        all.put(HostIds.ATTRIBUTE, launch.hostId());
        return all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
