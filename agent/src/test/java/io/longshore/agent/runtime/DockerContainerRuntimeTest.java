package io.longshore.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import io.longshore.common.model.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DockerContainerRuntimeTest {
    private static final String CPU = "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":3042015296,"
            + "\"percpu_usage\":[11578847,3030436449]},\"system_cpu_usage\":53176630000000,\"online_cpus\":2}";

    @Test
    void keepsOnlyTheEnginesMessageForTaskReasons() {
        assertThat(DockerContainerRuntime.engineMessage(new RuntimeException(
                "Status 409: {\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}\n")))
                .isEqualTo("Conflict. The container name \"/x\" is already in use");
        assertThat(DockerContainerRuntime.engineMessage(new RuntimeException("connection refused")))
                .isEqualTo("connection refused");
        assertThat(DockerContainerRuntime.engineMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
        // a pull whose progress stream ended in an error
        assertThat(DockerContainerRuntime.engineMessage(new RuntimeException(
                "Could not pull image: manifest for 127.0.0.1:5000/app:2 not found")))
                .isEqualTo("manifest for 127.0.0.1:5000/app:2 not found");
    }

    @Test
    void aHealthCheckBecomesDockersWithDurationsInNanoseconds() {
        var docker = DockerContainerRuntime.healthCheck(new ContainerSpec.HealthCheck(
                List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ofSeconds(10)));
        assertThat(docker.getTest()).containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
        assertThat(docker.getInterval()).isEqualTo(30_000_000_000L);
        assertThat(docker.getTimeout()).isEqualTo(5_000_000_000L);
        assertThat(docker.getRetries()).isEqualTo(3);
        assertThat(docker.getStartPeriod()).isEqualTo(10_000_000_000L);
        assertThat(docker.getStartInterval()).isNull(); // API 1.44+; not sent

        var exec = DockerContainerRuntime.healthCheck(new ContainerSpec.HealthCheck(List.of("CMD", "/bin/check", "-q"),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1, Duration.ZERO));
        assertThat(exec.getTest()).containsExactly("CMD", "/bin/check", "-q");
        assertThat(exec.getInterval()).isEqualTo(1_000_000_000L);
        assertThat(exec.getStartPeriod()).isZero();
    }

    @Test
    void noneSwitchesTheImagesCheckOffAndSendsNothingElse() {
        var none = DockerContainerRuntime.healthCheck(new ContainerSpec.HealthCheck(List.of("NONE"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO));
        assertThat(none.getTest()).containsExactly("NONE");
        assertThat(none.getInterval()).isNull();
        assertThat(none.getRetries()).isNull();
    }

    @Test
    void readsDockersHealthStatus() {
        assertThat(DockerContainerRuntime.health("starting")).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(DockerContainerRuntime.health("healthy")).isEqualTo(HealthStatus.HEALTHY);
        assertThat(DockerContainerRuntime.health("unhealthy")).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(DockerContainerRuntime.health("none")).isNull();
        assertThat(DockerContainerRuntime.health((String) null)).isNull();
        assertThat(DockerContainerRuntime.health((com.github.dockerjava.api.command.HealthState) null)).isNull();
    }

    @Test
    void readsHealthFromTheListingsStatusText() {
        assertThat(DockerContainerRuntime.listedHealth("Up 3 seconds (health: starting)")).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(DockerContainerRuntime.listedHealth("Up 2 minutes (healthy)")).isEqualTo(HealthStatus.HEALTHY);
        assertThat(DockerContainerRuntime.listedHealth("Up About a minute (unhealthy)")).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(DockerContainerRuntime.listedHealth("Up 5 seconds")).isNull();
        assertThat(DockerContainerRuntime.listedHealth("Exited (0) 2 seconds ago")).isNull();
        assertThat(DockerContainerRuntime.listedHealth(null)).isNull();
    }

    @Test
    void readsAStatsReadingLikeDockerStats() throws Exception {
        // cgroup v1 (this machine's engine): usage less total_inactive_file
        ContainerUsage v1 = DockerContainerRuntime.usage(stats("{\"read\":\"2026-12-07T05:27:22.088800523Z\"," + CPU
                + ",\"memory_stats\":{\"usage\":2359296,\"stats\":{\"cache\":1982464,\"inactive_file\":1000,"
                + "\"total_inactive_file\":1900000}}}")).orElseThrow();
        assertThat(v1).isEqualTo(new ContainerUsage(3042015296L, 53176630000000L, 2, 2359296, 1900000,
                Instant.parse("2026-12-07T05:27:22.088800523Z")));
        // cgroup v2: inactive_file only
        ContainerUsage v2 = DockerContainerRuntime.usage(stats("{\"read\":\"2026-12-07T05:27:22Z\"," + CPU
                + ",\"memory_stats\":{\"usage\":5000000,\"stats\":{\"anon\":1000000,\"inactive_file\":3000000}}}"))
                .orElseThrow();
        assertThat(v2.memoryCacheBytes()).isEqualTo(3000000);
        // an old engine without online_cpus: the per-CPU counters say how many
        ContainerUsage old = DockerContainerRuntime.usage(stats("{\"read\":\"2026-12-07T05:27:22Z\","
                + CPU.replace(",\"online_cpus\":2", "") + ",\"memory_stats\":{\"usage\":10,\"stats\":{\"cache\":4}}}"))
                .orElseThrow();
        assertThat(old.onlineCpus()).isEqualTo(2);
        assertThat(old.memoryCacheBytes()).isEqualTo(4);
    }

    @Test
    void aContainerThatIsNotRunningHasNoReading() throws Exception {
        // what the engine sends for a created or exited container
        assertThat(DockerContainerRuntime.usage(stats("{\"read\":\"0001-01-01T00:00:00Z\",\"cpu_stats\":"
                + "{\"cpu_usage\":{\"total_usage\":0}},\"memory_stats\":{}}"))).isEmpty();
    }

    /** Against the real engine: a container burning a CPU, then gone. */
    @Test
    void readsTheUsageOfARunningContainer() {
        try (DockerContainerRuntime runtime = DockerContainerRuntime.connect("unix:///var/run/docker.sock")) {
            String name = "ls-usage-test-" + UUID.randomUUID().toString().substring(0, 8);
            String id = runtime.create(new ContainerSpec(name, "longshore/busybox:latest",
                    List.of("sh", "-c", "while :; do :; done"), List.of(), List.of(), null, 256, 64L * 1024 * 1024,
                    null, Map.of(), "none", List.of(), 0, null));
            try {
                assertThat(runtime.usage(id)).isEmpty(); // created, not running
                runtime.start(id);
                ContainerUsage first = runtime.usage(id).orElseThrow();
                assertThat(first.onlineCpus()).isPositive();
                assertThat(first.memoryUsageBytes()).isPositive();
                assertThat(first.memoryCacheBytes()).isLessThanOrEqualTo(first.memoryUsageBytes());
                assertThat(first.readAt()).isAfter(Instant.now().minusSeconds(60));
                AtomicReference<ContainerUsage> later = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    later.set(runtime.usage(id).orElseThrow());
                    assertThat(later.get().systemCpuNanos()).isGreaterThan(first.systemCpuNanos());
                });
                // a busy loop uses most of a CPU; 2 cores here, other work runs too
                double cpus = (double) (later.get().cpuTotalNanos() - first.cpuTotalNanos())
                        / (later.get().systemCpuNanos() - first.systemCpuNanos()) * later.get().onlineCpus();
                assertThat(cpus).isGreaterThan(0.3);
            } finally {
                runtime.remove(id);
            }
            assertThat(runtime.usage(id)).isEqualTo(Optional.empty());
        }
    }

    private static Statistics stats(String json) throws Exception {
        // as docker-java reads the engine's answers: fields it does not know are skipped
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json,
                Statistics.class);
    }
}
