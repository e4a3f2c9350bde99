package io.longshore.agent.task;

import io.longshore.agent.runtime.ContainerSpec;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a StartTask command into the containers to create: one per container definition, with
 * the host ports the scheduler allocated, in the order of {@link TaskSpec#portMappings()}.
 */
public final class ContainerPlanner {
    /** Docker's (and ECS's) smallest CPU share; also what a container without a cpu value gets. */
    public static final int MIN_CPU_SHARES = 2;
    /** ECS's default grace between SIGTERM and SIGKILL. */
    public static final int DEFAULT_STOP_TIMEOUT_SECONDS = 30;
    /** Host-mode containers listen where they like; ECS reports their bindings on every address. */
    static final String ANY_ADDRESS = "0.0.0.0";

    private static final long MIB = 1024L * 1024L;

    private ContainerPlanner() {
    }

    /** One planned container: the definition it comes from, what to create, and the bindings to report. */
    public record PlannedContainer(ContainerDefinition definition, ContainerSpec spec, List<NetworkBinding> networkBindings) {
        public String name() {
            return definition.name();
        }
    }

    /**
     * @throws IllegalArgumentException when the command cannot be run as given (an unsupported
     *                                  network mode, a dynamic port without an allocated host port)
     */
    public static List<PlannedContainer> plan(AgentCommand.StartTask command, String instanceId, String bindIp) {
        TaskSpec task = command.task();
        String networkMode = networkMode(task.networkMode());
        List<HostPort> allocated = command.allocation() == null || command.allocation().hostPorts() == null
                ? List.of()
                : command.allocation().hostPorts();
        int portIndex = 0;
        List<PlannedContainer> planned = new ArrayList<>();
        for (ContainerDefinition definition : task.containers()) {
            List<ContainerSpec.PortPublication> publications = new ArrayList<>();
            List<NetworkBinding> bindings = new ArrayList<>();
            if (!"none".equals(networkMode)) {
                for (PortMapping mapping : definition.portMappingsOrEmpty()) {
                    if (mapping.containerPort() == null) {
                        throw new IllegalArgumentException("container " + definition.name() + " has a port mapping without containerPort");
                    }
                    int containerPort = mapping.containerPort();
                    String protocol = mapping.protocolOrDefault();
                    if ("host".equals(networkMode)) {
                        bindings.add(new NetworkBinding(ANY_ADDRESS, containerPort, containerPort, protocol));
                    } else {
                        int hostPort = hostPort(definition, mapping, allocated, portIndex);
                        publications.add(new ContainerSpec.PortPublication(containerPort, protocol, bindIp, hostPort));
                        bindings.add(new NetworkBinding(bindIp, containerPort, hostPort, protocol));
                    }
                    portIndex++;
                }
            }
            planned.add(new PlannedContainer(definition, spec(command, definition, instanceId, networkMode, publications),
                    List.copyOf(bindings)));
        }
        return planned;
    }

    /** Docker names allow {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}; anything else becomes '-'. */
    public static String containerName(String taskId, String containerName) {
        return ("ls-" + taskId + "-" + containerName).replaceAll("[^a-zA-Z0-9_.-]", "-");
    }

    static String networkMode(String requested) {
        String mode = requested == null || requested.isBlank() ? "bridge" : requested;
        return switch (mode) {
            case "bridge", "host", "none" -> mode;
            default -> throw new IllegalArgumentException("network mode " + mode + " is not supported (bridge, host or none)");
        };
    }

    static int stopTimeoutSeconds(ContainerDefinition definition) {
        return definition.stopTimeout() == null ? DEFAULT_STOP_TIMEOUT_SECONDS : Math.max(0, definition.stopTimeout());
    }

    /**
     * Whether the container has a health check whose result counts: a command that is not
     * {@code ["NONE"]}. A check the image defines on its own is not ours to report, as in ECS.
     */
    static boolean hasHealthCheck(ContainerDefinition definition) {
        HealthCheck check = definition.healthCheck();
        return check != null && check.command() != null && !check.command().isEmpty()
                && !ContainerSpec.HealthCheck.NONE.equals(check.command().get(0));
    }

    /**
     * The engine's health check, with ECS's defaults; none when the definition has none (an empty
     * command would make Docker inherit the image's check, so it counts as none too). Ranges are the
     * control plane's to enforce: the agent runs what it is given (tests use 1-second intervals).
     */
    static ContainerSpec.HealthCheck healthCheck(ContainerDefinition definition) {
        HealthCheck check = definition.healthCheck();
        if (check == null || check.command() == null || check.command().isEmpty()) {
            return null;
        }
        return new ContainerSpec.HealthCheck(check.command(),
                Duration.ofSeconds(check.intervalOrDefault()),
                Duration.ofSeconds(check.timeoutOrDefault()),
                check.retriesOrDefault(),
                Duration.ofSeconds(check.startPeriodOrDefault()));
    }

    private static int hostPort(ContainerDefinition definition, PortMapping mapping, List<HostPort> allocated, int index) {
        if (index < allocated.size()) {
            return allocated.get(index).port();
        }
        if (mapping.isDynamic()) {
            throw new IllegalArgumentException("no host port was allocated for container " + definition.name()
                    + " port " + mapping.containerPort() + "/" + mapping.protocolOrDefault());
        }
        return mapping.hostPort();
    }

    private static ContainerSpec spec(AgentCommand.StartTask command, ContainerDefinition definition, String instanceId,
                                      String networkMode, List<ContainerSpec.PortPublication> publications) {
        TaskSpec task = command.task();
        Map<String, String> labels = new LinkedHashMap<>();
        if (definition.dockerLabels() != null) {
            labels.putAll(definition.dockerLabels());
        }
        // ours last, so that a task definition cannot pose as another task
        labels.put(Labels.CLUSTER, task.cluster());
        labels.put(Labels.TASK_ID, task.taskId());
        if (task.taskArn() != null) {
            labels.put(Labels.TASK_ARN, task.taskArn());
        }
        labels.put(Labels.CONTAINER_NAME, definition.name());
        labels.put(Labels.CONTAINER_INSTANCE_ID, instanceId);
        List<String> environment = definition.environment() == null ? List.of() : definition.environment().stream()
                .map(ContainerPlanner::envEntry)
                .toList();
        int cpuShares = definition.cpu() == null ? MIN_CPU_SHARES : Math.max(MIN_CPU_SHARES, definition.cpu());
        return new ContainerSpec(
                containerName(task.taskId(), definition.name()),
                definition.image(),
                definition.command() == null ? List.of() : List.copyOf(definition.command()),
                definition.entryPoint() == null ? List.of() : List.copyOf(definition.entryPoint()),
                environment,
                definition.workingDirectory(),
                cpuShares,
                definition.memory() == null ? null : definition.memory() * MIB,
                definition.memoryReservation() == null ? null : definition.memoryReservation() * MIB,
                Map.copyOf(labels),
                networkMode,
                List.copyOf(publications),
                stopTimeoutSeconds(definition),
                healthCheck(definition));
    }

    private static String envEntry(KeyValuePair pair) {
        return pair.name() + "=" + (pair.value() == null ? "" : pair.value());
    }
}
