package io.longshore.autoscaler.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real local processes standing in for agents: a shell that records its environment, then sleeps. */
class ProcessHostProvisionerTest {
    private static final List<String> STAND_IN = List.of("sh", "-c", "env > env.txt; exec sleep 300");

    @TempDir
    Path home;
    private ProcessHostProvisioner provisioner;

    @AfterEach
    void tearDown() {
        if (provisioner != null) {
            provisioner.hosts().forEach(h -> provisioner.terminate(h.hostId()));
        }
    }

    @Test
    void launchesListsFindsAgainAndTerminatesAHost() throws Exception {
        provisioner = new ProcessHostProvisioner(home, STAND_IN, "127.0.0.1:9092", "unix:///var/run/docker.sock",
                Duration.ofSeconds(5));
        Instant before = Instant.now();
        ProvisionedHost host = provisioner.launch(launch("h-00000001", "g1", "127.0.9.3"));

        assertThat(provisioner.hosts("g1")).singleElement().satisfies(h -> {
            assertThat(h.hostId()).isEqualTo("h-00000001");
            assertThat(h.group()).isEqualTo("g1");
            assertThat(h.bindIp()).isEqualTo("127.0.9.3");
            assertThat(h.launchedAt()).isEqualTo(host.launchedAt()).isAfterOrEqualTo(before);
        });
        assertThat(provisioner.hosts("g2")).isEmpty();
        Path dir = home.resolve("h-00000001");
        assertThat(dir.resolve("pid")).exists();
        assertThat(dir.resolve("host.log")).exists();
        assertThat(dir.resolve("state")).isDirectory();

        // the agent is configured by its environment, and the autoscaler's own settings are not passed on
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("env.txt"))
                && Files.readString(dir.resolve("env.txt")).contains("LONGSHORE_AGENT_NAME"));
        List<String> env = Files.readAllLines(dir.resolve("env.txt"));
        assertThat(env).contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092", "LONGSHORE_AGENT_CLUSTER=prod",
                "LONGSHORE_AGENT_CAPACITY_PROVIDER=cp", "LONGSHORE_AGENT_CPU=1024", "LONGSHORE_AGENT_MEMORY=2048",
                "LONGSHORE_AGENT_BIND_IP=127.0.9.3", "LONGSHORE_AGENT_NAME=h-00000001",
                "LONGSHORE_AGENT_ATTRIBUTES=longshore.host-id=h-00000001,zone=a",
                "LONGSHORE_AGENT_STATE_DIR=" + dir.resolve("state").toAbsolutePath(),
                "LONGSHORE_AGENT_DOCKER_HOST=unix:///var/run/docker.sock", "QUARKUS_HTTP_HOST=127.0.9.3");

        // a restarted autoscaler finds it from the directory
        ProcessHostProvisioner fresh = new ProcessHostProvisioner(home, STAND_IN, "x", "y", Duration.ofSeconds(5));
        assertThat(fresh.hosts()).extracting(ProvisionedHost::hostId).containsExactly("h-00000001");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());

        fresh.terminate("h-00000001");

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(provisioner.hosts("g1")).isEmpty();
        assertThat(dir).doesNotExist();
        fresh.terminate("h-00000001"); // gone already: no error
    }

    @Test
    void aHostWhoseProcessEndedIsNotCounted() {
        provisioner = new ProcessHostProvisioner(home, List.of("sh", "-c", "exit 3"), "k", "d", Duration.ofSeconds(5));
        provisioner.launch(launch("h-00000002", "g1", "127.0.9.4"));

        await().atMost(Duration.ofSeconds(10)).until(() -> provisioner.hosts("g1").isEmpty());
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheStopTimeout() throws Exception {
        provisioner = new ProcessHostProvisioner(home, List.of("sh", "-c", "trap '' TERM; while :; do sleep 1; done"),
                "k", "d", Duration.ofMillis(500));
        provisioner.launch(launch("h-00000003", "g1", "127.0.9.5"));
        long pid = Long.parseLong(Files.readString(home.resolve("h-00000003/pid")).trim());

        provisioner.terminate("h-00000003");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(provisioner.hosts()).isEmpty();
    }

    static HostLaunch launch(String hostId, String group, String bindIp) {
        return new HostLaunch(group, hostId, "prod", "cp", 1024, 2048,
                Map.of("zone", "a", HostIds.ATTRIBUTE, hostId), bindIp);
    }
}
