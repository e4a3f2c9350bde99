package io.longshore.agent.task;

import static io.longshore.common.model.HealthStatus.HEALTHY;
import static io.longshore.common.model.HealthStatus.UNHEALTHY;
import static io.longshore.common.model.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.agent.task.TaskHealth.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskHealthTest {

    @Test
    void aTaskWithoutHealthChecksIsUnknown() {
        assertThat(TaskHealth.judge(List.of())).isEqualTo(UNKNOWN);
        assertThat(TaskHealth.judge(List.of(
                new Observation("web", true, null),
                new Observation("log", false, null)))).isEqualTo(UNKNOWN);
    }

    @Test
    void healthyWhenEveryEssentialContainerWithACheckIsHealthy() {
        assertThat(TaskHealth.judge(List.of(
                new Observation("web", true, HEALTHY),
                new Observation("api", true, HEALTHY),
                new Observation("plain", true, null)))).isEqualTo(HEALTHY);
    }

    @Test
    void unknownWhileAnEssentialCheckIsStillStarting() {
        assertThat(TaskHealth.judge(List.of(
                new Observation("web", true, HEALTHY),
                new Observation("api", true, UNKNOWN)))).isEqualTo(UNKNOWN);
    }

    @Test
    void oneUnhealthyEssentialContainerMakesTheTaskUnhealthy() {
        assertThat(TaskHealth.judge(List.of(
                new Observation("web", true, HEALTHY),
                new Observation("api", true, UNKNOWN),
                new Observation("db", true, UNHEALTHY)))).isEqualTo(UNHEALTHY);
    }

    @Test
    void nonEssentialContainersDoNotCount() {
        assertThat(TaskHealth.judge(List.of(
                new Observation("web", true, HEALTHY),
                new Observation("sidecar", false, UNHEALTHY)))).isEqualTo(HEALTHY);
        assertThat(TaskHealth.judge(List.of(
                new Observation("web", true, null),
                new Observation("sidecar", false, HEALTHY)))).isEqualTo(UNKNOWN);
    }
}
