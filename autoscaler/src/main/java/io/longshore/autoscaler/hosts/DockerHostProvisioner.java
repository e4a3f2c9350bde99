package io.longshore.autoscaler.hosts;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A host is a container of the agent image on the local Docker engine, in the machine's network
 * (so its agent reaches Kafka on 127.0.0.1 and publishes task ports on its own loopback address),
 * with the engine's socket mounted (its tasks are the engine's containers too). The containers'
 * labels are the record: group, host id, bind address, launch time, and the hosts home they
 * belong to (so that one stack's autoscaler, or its {@code down}, sees only its own hosts).
 */
public final class DockerHostProvisioner implements HostProvisioner {
    public static final String GROUP_LABEL = "longshore.host-group";
    public static final String HOST_ID_LABEL = "longshore.host-id";
    public static final String LAUNCHED_AT_LABEL = "longshore.launched-at";
    public static final String HOSTS_HOME_LABEL = "longshore.hosts-home";
    public static final String BIND_IP_LABEL = "longshore.bind-ip";
    /** Where the engine's socket is mounted in a host, and so what its agent talks to. */
    static final String SOCKET_IN_HOST = "/var/run/docker.sock";
    static final String STATE_DIR_IN_HOST = "/tmp/longshore-agent";
    private static final Logger LOG = Logger.getLogger(DockerHostProvisioner.class);

    private final DockerClient docker;
    private final String dockerHost;
    private final String image;
    private final List<String> command;
    private final String hostsHome;
    private final String kafkaBootstrapServers;
    private final Duration stopTimeout;

    /**
     * @param command   the host container's command; empty: the image's own (the agent image runs the agent)
     * @param hostsHome the autoscaler's hosts home, which labels its hosts
     */
    public DockerHostProvisioner(DockerClient docker, String dockerHost, String image, List<String> command,
                                 String hostsHome, String kafkaBootstrapServers, Duration stopTimeout) {
        this.docker = docker;
        this.dockerHost = dockerHost;
        this.image = image;
        this.command = List.copyOf(command);
        this.hostsHome = hostsHome;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.stopTimeout = stopTimeout;
    }

    /** A client for the engine at {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}). */
    public static DockerClient connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                // a stop answers after the host's graceful timeout at the latest
                .responseTimeout(Duration.ofMinutes(3))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public List<ProvisionedHost> hosts(String group) {
        return list(Map.of(HOSTS_HOME_LABEL, hostsHome, GROUP_LABEL, group));
    }

    @Override
    public List<ProvisionedHost> hosts() {
        return list(Map.of(HOSTS_HOME_LABEL, hostsHome));
    }

    @Override
    public ProvisionedHost launch(HostLaunch launch) {
        Instant launchedAt = Instant.now();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(GROUP_LABEL, launch.group());
        labels.put(HOST_ID_LABEL, launch.hostId());
        labels.put(LAUNCHED_AT_LABEL, launchedAt.toString());
        labels.put(HOSTS_HOME_LABEL, hostsHome);
        labels.put(BIND_IP_LABEL, launch.bindIp());
        List<String> env = new ArrayList<>();
        AgentEnvironment.of(launch, kafkaBootstrapServers, STATE_DIR_IN_HOST, agentDockerHost())
                .forEach((k, v) -> env.add(k + "=" + v));
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode("host")
                .withRestartPolicy(RestartPolicy.noRestart());
        String socket = socketPath();
        if (socket != null) {
            hostConfig.withBinds(Bind.parse(socket + ":" + SOCKET_IN_HOST));
        }
        CreateContainerCmd create = docker.createContainerCmd(image)
                .withName(containerName(launch.hostId()))
                .withLabels(labels)
                .withEnv(env)
                .withHostConfig(hostConfig);
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        String id = create.exec().getId();
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            remove(id); // a host that never ran is not one
            throw e;
        }
        LOG.infof("host %s of group %s started: container %s of %s on %s", launch.hostId(), launch.group(),
                containerName(launch.hostId()), image, launch.bindIp());
        return new ProvisionedHost(launch.hostId(), launch.group(), launch.bindIp(), launchedAt);
    }

    @Override
    public void terminate(String hostId) {
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(HOSTS_HOME_LABEL, hostsHome, HOST_ID_LABEL, hostId)).exec()) {
            try {
                docker.stopContainerCmd(c.getId()).withTimeout((int) stopTimeout.toSeconds()).exec();
            } catch (NotFoundException | NotModifiedException e) {
                // gone already, or not running
            }
            remove(c.getId());
            LOG.infof("host %s terminated (container %s removed)", hostId, containerName(hostId));
        }
    }

    static String containerName(String hostId) {
        return "longshore-host-" + hostId;
    }

    private List<ProvisionedHost> list(Map<String, String> labels) {
        List<ProvisionedHost> hosts = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            Map<String, String> l = c.getLabels();
            if (!"running".equals(c.getState())) {
                // an exited host is a dead one: nothing restarts it, so it goes and is replaced
                if (!"restarting".equals(c.getState()) && !"paused".equals(c.getState())) {
                    LOG.infof("host %s is %s: removing its container", l.get(HOST_ID_LABEL), c.getState());
                    remove(c.getId());
                }
                continue;
            }
            hosts.add(new ProvisionedHost(l.get(HOST_ID_LABEL), l.get(GROUP_LABEL), l.get(BIND_IP_LABEL),
                    launchedAt(l.get(LAUNCHED_AT_LABEL), c.getCreated())));
        }
        return hosts;
    }

    private static Instant launchedAt(String label, Long created) {
        try {
            return Instant.parse(label);
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.ofEpochSecond(created == null ? 0 : created);
        }
    }

    private void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /** The engine's socket on this machine, to mount into hosts; null for an engine over TCP. */
    private String socketPath() {
        return dockerHost.startsWith("unix://") ? dockerHost.substring("unix://".length()) : null;
    }

    private String agentDockerHost() {
        return socketPath() != null ? "unix://" + SOCKET_IN_HOST : dockerHost;
    }
}
