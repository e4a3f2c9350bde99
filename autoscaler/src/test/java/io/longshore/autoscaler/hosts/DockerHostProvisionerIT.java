package io.longshore.autoscaler.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Docker provisioner against the real engine, with busybox sleeping as a stand-in for the agent
 * image (the e2e test runs the real one).
 */
class DockerHostProvisionerIT {
    private static final String DOCKER_HOST = "unix:///var/run/docker.sock";
    private static final String IMAGE = "longshore/busybox:latest";
    private static DockerClient docker;

    private String home;
    private DockerHostProvisioner provisioner;

    @BeforeAll
    static void connect() {
        docker = DockerHostProvisioner.connect(DOCKER_HOST);
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException(IMAGE + " is missing: build it with deploy/images/busybox/build.sh", e);
        }
    }

    @AfterAll
    static void close() throws Exception {
        docker.close();
    }

    @BeforeEach
    void setUp() {
        home = "/tmp/docker-provisioner-it-" + UUID.randomUUID();
        provisioner = provisioner(List.of("sleep", "3600"));
    }

    @AfterEach
    void tearDown() {
        provisioner.hosts().forEach(h -> provisioner.terminate(h.hostId()));
    }

    @Test
    void aHostIsAContainerOfTheImageInTheMachinesNetworkFoundByItsLabels() {
        String hostId = HostIds.random();
        ProvisionedHost launched = provisioner.launch(launch(hostId, "web-asg", "127.0.9.21"));

        assertThat(provisioner.hosts("web-asg")).singleElement().satisfies(h -> {
            assertThat(h.hostId()).isEqualTo(hostId);
            assertThat(h.group()).isEqualTo("web-asg");
            assertThat(h.bindIp()).isEqualTo("127.0.9.21");
            assertThat(h.launchedAt()).isEqualTo(launched.launchedAt());
        });
        assertThat(provisioner.hosts("other-asg")).isEmpty();

        InspectContainerResponse c = docker.inspectContainerCmd("longshore-host-" + hostId).exec();
        assertThat(c.getState().getRunning()).isTrue();
        assertThat(c.getConfig().getLabels())
                .containsEntry(DockerHostProvisioner.GROUP_LABEL, "web-asg")
                .containsEntry(DockerHostProvisioner.HOST_ID_LABEL, hostId)
                .containsEntry(DockerHostProvisioner.HOSTS_HOME_LABEL, home)
                .containsEntry(DockerHostProvisioner.LAUNCHED_AT_LABEL, launched.launchedAt().toString());
        assertThat(c.getHostConfig().getNetworkMode()).isEqualTo("host");
        assertThat(c.getHostConfig().getRestartPolicy().getName()).isIn("", "no");
        assertThat(c.getHostConfig().getBinds()).extracting(Object::toString)
                .anySatisfy(b -> assertThat(b).startsWith("/var/run/docker.sock:/var/run/docker.sock"));
        assertThat(c.getConfig().getEnv()).contains("LONGSHORE_AGENT_BIND_IP=127.0.9.21",
                "LONGSHORE_AGENT_CAPACITY_PROVIDER=cp", "LONGSHORE_AGENT_CLUSTER=prod",
                "LONGSHORE_AGENT_ATTRIBUTES=longshore.host-id=" + hostId + ",zone=a",
                "LONGSHORE_AGENT_DOCKER_HOST=unix:///var/run/docker.sock", "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092");

        // a restarted autoscaler (a fresh provisioner) finds the host on the engine
        DockerHostProvisioner fresh = provisioner(List.of("sleep", "3600"));
        assertThat(fresh.hosts("web-asg")).extracting(ProvisionedHost::hostId).containsExactly(hostId);
        // another hosts home does not see it
        assertThat(new DockerHostProvisioner(docker, DOCKER_HOST, IMAGE, List.of(), home + "-other", "k",
                Duration.ofSeconds(1)).hosts()).isEmpty();

        fresh.terminate(hostId);

        assertThat(provisioner.hosts("web-asg")).isEmpty();
        assertThatThrownBy(() -> docker.inspectContainerCmd("longshore-host-" + hostId).exec())
                .isInstanceOf(NotFoundException.class);
        fresh.terminate(hostId); // gone already: no error
    }

    @Test
    void anExitedHostIsRemovedAndNotCounted() {
        DockerHostProvisioner exiting = provisioner(List.of("sh", "-c", "exit 1"));
        String hostId = HostIds.random();
        exiting.launch(launch(hostId, "batch-asg", "127.0.9.22"));

        await().atMost(Duration.ofSeconds(20)).until(() -> exiting.hosts("batch-asg").isEmpty());
        assertThatThrownBy(() -> docker.inspectContainerCmd("longshore-host-" + hostId).exec())
                .isInstanceOf(NotFoundException.class);
    }

    private DockerHostProvisioner provisioner(List<String> command) {
        return new DockerHostProvisioner(docker, DOCKER_HOST, IMAGE, command, home, "127.0.0.1:9092",
                Duration.ofSeconds(1));
    }

    private static HostLaunch launch(String hostId, String group, String bindIp) {
        return new HostLaunch(group, hostId, "prod", "cp", 1024, 2048, Map.of("zone", "a"), bindIp);
    }
}
