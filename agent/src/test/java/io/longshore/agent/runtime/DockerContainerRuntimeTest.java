package io.longshore.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.model.HealthStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerContainerRuntimeTest {

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
}
