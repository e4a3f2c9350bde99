package io.longshore.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.agent.runtime.ContainerInfo;
import io.longshore.agent.runtime.ContainerRuntimeException;
import io.longshore.agent.runtime.ContainerSpec;
import io.longshore.agent.task.Labels;
import io.longshore.common.model.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedContainerRuntimeTest {
    private final MovableClock clock = new MovableClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SimulatedContainerRuntime.Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    private SimulatedContainerRuntime runtime(TaskLifecycle lifecycle) {
        return new SimulatedContainerRuntime(lifecycle, 42, "h0", clock, sleeper);
    }

    private static TaskLifecycle lifecycle(DurationDistribution startDelay, DurationDistribution runDuration,
                                           Map<Integer, Integer> exitCodes, double startFailure, double healthFailure) {
        return new TaskLifecycle(startDelay, runDuration, WeightedChoice.of(exitCodes), startFailure, healthFailure, false);
    }

    private static ContainerSpec spec(String taskId, ContainerSpec.HealthCheck check) {
        return new ContainerSpec("web", "img", List.of(), List.of(), List.of(), null, 256, null, null,
                Map.of(Labels.TASK_ID, taskId, Labels.CONTAINER_NAME, "web", Labels.CONTAINER_INSTANCE_ID, "i1"),
                "bridge", List.of(), 30, check);
    }

    private static ContainerSpec.HealthCheck check() {
        return new ContainerSpec.HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(5), Duration.ofSeconds(2),
                3, Duration.ofSeconds(10));
    }

    @Test
    void aStartTakesTheStartDelayAndTheContainerRunsForeverUntilStopped() {
        SimulatedContainerRuntime runtime = runtime(lifecycle(DurationDistribution.fixed(Duration.ofMillis(50)),
                new DurationDistribution.Forever(), Map.of(0, 1), 0, 0));
        String id = runtime.create(spec("t1", null));
        assertThat(runtime.inspect(id)).get().extracting(ContainerInfo::running).isEqualTo(false);

        runtime.start(id);

        assertThat(sleeps).containsExactly(Duration.ofMillis(50));
        clock.advance(Duration.ofDays(365));
        assertThat(runtime.inspect(id).orElseThrow().running()).isTrue();
        assertThat(runtime.listByLabel(Labels.CONTAINER_INSTANCE_ID, "i1")).extracting(ContainerInfo::id).containsExactly(id);

        runtime.stop(id, Duration.ofSeconds(30));

        ContainerInfo stopped = runtime.inspect(id).orElseThrow();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.exitCode()).isEqualTo(SimulatedContainerRuntime.EXIT_ON_STOP);
        runtime.remove(id);
        assertThat(runtime.inspect(id)).isEmpty();
    }

    @Test
    void afterItsRunDurationAContainerExitsWithACodeFromTheMix() {
        SimulatedContainerRuntime runtime = runtime(lifecycle(DurationDistribution.fixed(Duration.ZERO),
                DurationDistribution.fixed(Duration.ofSeconds(10)), Map.of(3, 1), 0, 0));
        String id = runtime.create(spec("t1", null));
        runtime.start(id);

        clock.advance(Duration.ofMillis(9_999));
        assertThat(runtime.inspect(id).orElseThrow().running()).isTrue();
        clock.advance(Duration.ofMillis(1));

        ContainerInfo exited = runtime.inspect(id).orElseThrow();
        assertThat(exited.running()).isFalse();
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.finishedAt()).isEqualTo(exited.startedAt().plusSeconds(10));
        assertThat(sleeps).isEmpty();
        // stopping an exited container changes nothing
        runtime.stop(id, Duration.ofSeconds(1));
        assertThat(runtime.inspect(id).orElseThrow().exitCode()).isEqualTo(3);
    }

    @Test
    void exitCodesFollowTheirWeightsAndTheSameTaskAlwaysDrawsTheSame() {
        TaskLifecycle mix = lifecycle(DurationDistribution.fixed(Duration.ZERO), DurationDistribution.fixed(Duration.ZERO),
                Map.of(0, 9, 1, 1), 0, 0);
        SimulatedContainerRuntime runtime = runtime(mix);
        int failures = 0;
        for (int i = 0; i < 2_000; i++) {
            String id = runtime.create(spec("task-" + i, null));
            runtime.start(id);
            failures += runtime.inspect(id).orElseThrow().exitCode();
        }
        assertThat(failures).isBetween(140, 260); // 10 % of 2,000, give or take

        SimulatedContainerRuntime again = runtime(mix);
        for (int i = 0; i < 50; i++) {
            String first = runtime.create(spec("task-" + i, null));
            String second = again.create(spec("task-" + i, null));
            runtime.start(first);
            again.start(second);
            assertThat(again.inspect(second).orElseThrow().exitCode()).isEqualTo(runtime.inspect(first).orElseThrow().exitCode());
        }
    }

    @Test
    void aFailedStartThrowsAsTheEngineWouldAndLeavesTheContainerNotRunning() {
        SimulatedContainerRuntime runtime = runtime(lifecycle(DurationDistribution.fixed(Duration.ZERO),
                new DurationDistribution.Forever(), Map.of(0, 1), 1.0, 0));
        String id = runtime.create(spec("t1", null));

        assertThatThrownBy(() -> runtime.start(id)).isInstanceOf(ContainerRuntimeException.class)
                .hasMessageContaining("simulated start failure");
        assertThat(runtime.inspect(id).orElseThrow().running()).isFalse();
    }

    @Test
    void aFailingHealthCheckIsHealthyFirstThenUnhealthy() {
        SimulatedContainerRuntime runtime = runtime(lifecycle(DurationDistribution.fixed(Duration.ZERO),
                new DurationDistribution.Forever(), Map.of(0, 1), 0, 1.0));
        String id = runtime.create(spec("t1", check()));
        runtime.start(id);

        assertThat(runtime.inspect(id).orElseThrow().health()).isEqualTo(HealthStatus.UNKNOWN);
        clock.advance(Duration.ofSeconds(15)); // start period + one interval
        assertThat(runtime.inspect(id).orElseThrow().health()).isEqualTo(HealthStatus.HEALTHY);
        clock.advance(Duration.ofSeconds(5 * 14)); // at most 1 + retries + 9 intervals after the start period
        ContainerInfo unhealthy = runtime.inspect(id).orElseThrow();
        assertThat(unhealthy.health()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(unhealthy.running()).isTrue(); // an unhealthy container runs on; ECS decides what to do
    }

    @Test
    void aPassingHealthCheckStaysHealthyAndContainersWithoutOneHaveNoHealth() {
        SimulatedContainerRuntime runtime = runtime(lifecycle(DurationDistribution.fixed(Duration.ZERO),
                new DurationDistribution.Forever(), Map.of(0, 1), 0, 0));
        String checked = runtime.create(spec("t1", check()));
        String unchecked = runtime.create(spec("t2", null));
        runtime.start(checked);
        runtime.start(unchecked);

        clock.advance(Duration.ofHours(1));

        assertThat(runtime.inspect(checked).orElseThrow().health()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(runtime.inspect(unchecked).orElseThrow().health()).isNull();
    }

    @Test
    void aLongStartDelayIsCappedSoNoLaneIsHeldForLong() {
        SimulatedContainerRuntime runtime = runtime(lifecycle(DurationDistribution.fixed(Duration.ofHours(1)),
                new DurationDistribution.Forever(), Map.of(0, 1), 0, 0));
        runtime.start(runtime.create(spec("t1", null)));
        assertThat(sleeps).containsExactly(TaskLifecycle.MAX_START_DELAY);
    }

    @Test
    void usageIsEmptyUnlessAskedFor() {
        TaskLifecycle quiet = lifecycle(DurationDistribution.fixed(Duration.ZERO), new DurationDistribution.Forever(),
                Map.of(0, 1), 0, 0);
        SimulatedContainerRuntime runtime = runtime(quiet);
        String id = runtime.create(spec("t1", null));
        runtime.start(id);
        assertThat(runtime.usage(id)).isEmpty();

        SimulatedContainerRuntime measured = runtime(new TaskLifecycle(quiet.startDelay(), quiet.runDuration(),
                quiet.exitCodes(), 0, 0, true));
        String other = measured.create(spec("t1", null));
        measured.start(other);
        clock.advance(Duration.ofSeconds(10));
        assertThat(measured.usage(other)).get().satisfies(u -> {
            assertThat(u.cpuTotalNanos()).isPositive();
            assertThat(u.memoryUsageBytes()).isPositive();
        });
    }
}
