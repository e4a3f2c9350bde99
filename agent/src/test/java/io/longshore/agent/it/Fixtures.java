package io.longshore.agent.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.messaging.AgentCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Commands, containers and ports for the integration tests. */
public final class Fixtures {
    public static final String IMAGE = "longshore/busybox:latest";
    public static final String CLUSTER = "agent-it";

    private Fixtures() {
    }

    public static String taskId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static ContainerDefinition container(String name, List<String> command) {
        return new ContainerDefinition(name, IMAGE, null, null, null, List.of(), true, List.of(), command, null, null, 1, Map.of());
    }

    public static AgentCommand.StartTask start(String instanceId, String taskId, List<ContainerDefinition> containers,
                                               List<HostPort> hostPorts) {
        return start(instanceId, taskId, containers, hostPorts, null);
    }

    /** A task started by someone: a service's tasks are started by {@code ecs-svc/<deploymentId>}. */
    public static AgentCommand.StartTask start(String instanceId, String taskId, List<ContainerDefinition> containers,
                                               List<HostPort> hostPorts, String startedBy) {
        TaskSpec spec = new TaskSpec(CLUSTER, taskId, Arns.task(CLUSTER, taskId), Arns.taskDefinition("it", 1), "it",
                "family:it", startedBy, "bridge", null, null, containers);
        return new AgentCommand.StartTask(CLUSTER, instanceId, spec,
                new Allocation(instanceId, spec.requiredCpu(), spec.requiredMemory(), hostPorts));
    }

    /**
     * A sleeping container whose shell health check runs every second and counts the first failure
     * (ECS's 5-second minimum interval is the control plane's to enforce, not the agent's).
     */
    public static ContainerDefinition checked(String name, String check) {
        return new ContainerDefinition(name, IMAGE, null, null, null, List.of(), true, List.of(), List.of("sleep", "300"),
                null, null, 1, Map.of(), new HealthCheck(List.of("CMD-SHELL", check), 1, 2, 1, 0));
    }

    /** A sleeping web-ish container: a dynamic port, environment, labels, cpu and memory. */
    public static ContainerDefinition sleeper(String name) {
        return new ContainerDefinition(name, IMAGE, 128, 64, null,
                List.of(new PortMapping(8080, 0, "tcp")), true,
                List.of(new KeyValuePair("GREETING", "hello"), new KeyValuePair("EMPTY", "")),
                List.of("sleep", "300"), null, "/tmp", 1, Map.of("team", "agents"));
    }

    /** A port nobody listens on right now, on the loopback address. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DockerClient docker() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    /** Removes every container the agent under test labelled as its own. */
    public static void removeContainersOf(String instanceId) {
        try (DockerClient docker = docker()) {
            docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("longshore.container-instance-id", instanceId)).exec()
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
