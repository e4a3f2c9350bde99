package io.longshore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.longshore.agent.runtime.ContainerUsage;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageMathTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1024L * 1024L;
    private static final int HOST_CPU = 4096;
    private static final int HOST_MEMORY = 16384;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A reading on a 4-CPU host: the system counter advances 4 s per wall second. */
    private static ContainerUsage reading(long cpuNanos, long wallSeconds, long memoryBytes, long cacheBytes) {
        return new ContainerUsage(cpuNanos, 1_000 * SECOND + 4 * wallSeconds * SECOND, 4, memoryBytes, cacheBytes,
                T0.plusSeconds(wallSeconds));
    }

    private static ContainerDefinition container(String name, Integer cpu, Integer memory, Integer reservation) {
        return new ContainerDefinition(name, "img", cpu, memory, reservation, List.of(), true, List.of(), List.of(),
                null, null, 1, Map.of());
    }

    private static TaskSpec task(Integer cpu, Integer memory, ContainerDefinition... containers) {
        return new TaskSpec("c", "t1", null, null, "f", "service:web", null, "bridge", cpu, memory, List.of(containers));
    }

    @Test
    void theFirstReadingOfAContainerGivesNoCpuFigure() {
        assertThat(UsageMath.cpuUnitsUsed(null, reading(5 * SECOND, 10, 0, 0))).isEmpty();
        TaskSpec task = task(null, null, container("a", 256, 128, null));
        assertThat(UsageMath.task(task, List.of(new UsageMath.Readings(null, reading(0, 0, MIB, 0))), HOST_CPU,
                HOST_MEMORY)).isEmpty();
    }

    @Test
    void cpuUnitsAreTheContainersShareOfTheHostsCpuTime() {
        // 10 s of wall time, 5 s of CPU: half a CPU, 512 units
        assertThat(UsageMath.cpuUnitsUsed(reading(0, 0, 0, 0), reading(5 * SECOND, 10, 0, 0)).getAsDouble())
                .isCloseTo(512.0, within(1e-9));
        // counters that did not advance, or went back (a restart), give nothing
        assertThat(UsageMath.cpuUnitsUsed(reading(SECOND, 10, 0, 0), reading(2 * SECOND, 10, 0, 0))).isEmpty();
        assertThat(UsageMath.cpuUnitsUsed(reading(9 * SECOND, 0, 0, 0), reading(SECOND, 10, 0, 0))).isEmpty();
    }

    @Test
    void cpuUtilizationMayExceedTheReservation() {
        // one full CPU (1024 units) against 256 reserved: 400 %
        TaskSpec task = task(null, null, container("burn", 256, 64, null));
        var figures = UsageMath.task(task, List.of(new UsageMath.Readings(reading(0, 0, 0, 0),
                reading(10 * SECOND, 10, 32 * MIB, 0))), HOST_CPU, HOST_MEMORY).orElseThrow();
        assertThat(figures.cpuUnitsUsed()).isCloseTo(1024.0, within(1e-9));
        assertThat(figures.cpuUtilization()).isCloseTo(400.0, within(1e-9));
        assertThat(figures.memoryUtilization()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void thePageCacheIsNotCountedAsMemoryInUse() {
        assertThat(UsageMath.memoryMiBUsed(reading(0, 0, 100 * MIB, 30 * MIB))).isCloseTo(70.0, within(1e-9));
        // a cache figure at or above usage (counters read at different moments) is not subtracted
        assertThat(UsageMath.memoryMiBUsed(reading(0, 0, 10 * MIB, 20 * MIB))).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aTaskSumsItsContainersAndNeedsAFigureFromEach() {
        TaskSpec task = task(null, null, container("a", 512, 256, null), container("b", 512, 256, null));
        var a = new UsageMath.Readings(reading(0, 0, 0, 0), reading(5 * SECOND, 10, 64 * MIB, 0));
        var b = new UsageMath.Readings(reading(0, 0, 0, 0), reading(15 * SECOND, 10, 192 * MIB, 64 * MIB));
        var figures = UsageMath.task(task, List.of(a, b), HOST_CPU, HOST_MEMORY).orElseThrow();
        assertThat(figures.cpuUnitsUsed()).isCloseTo(512 + 1536, within(1e-9));
        assertThat(figures.cpuUtilization()).isCloseTo(200.0, within(1e-9));
        assertThat(figures.memoryMiBUsed()).isCloseTo(64 + 128, within(1e-9));
        assertThat(figures.memoryUtilization()).isCloseTo(37.5, within(1e-9));

        // b not read this pass, or on its first pass: a partial sum would understate the task
        assertThat(UsageMath.task(task, List.of(a, new UsageMath.Readings(b.previous(), null)), HOST_CPU, HOST_MEMORY))
                .isEmpty();
        assertThat(UsageMath.task(task, List.of(a, new UsageMath.Readings(null, b.current())), HOST_CPU, HOST_MEMORY))
                .isEmpty();
        assertThat(UsageMath.task(task, List.of(), HOST_CPU, HOST_MEMORY)).isEmpty();
    }

    @Test
    void cpuReservationIsTheTasksElseItsContainersElseTheHosts() {
        assertThat(UsageMath.reservedCpuUnits(task(1024, null, container("a", 256, null, null)), HOST_CPU)).isEqualTo(1024);
        assertThat(UsageMath.reservedCpuUnits(task(null, null, container("a", 256, null, null),
                container("b", null, null, null), container("c", 128, null, null)), HOST_CPU)).isEqualTo(384);
        assertThat(UsageMath.reservedCpuUnits(task(null, null, container("a", null, null, null)), HOST_CPU))
                .isEqualTo(HOST_CPU);
    }

    @Test
    void memoryReservationIsTheTasksElseHardLimitsElseSoftElseTheHosts() {
        assertThat(UsageMath.reservedMemoryMiB(task(null, 2048, container("a", null, 512, 256)), HOST_MEMORY))
                .isEqualTo(2048);
        // per container: the hard limit, else the reservation
        assertThat(UsageMath.reservedMemoryMiB(task(null, null, container("a", null, 512, 256),
                container("b", null, null, 128)), HOST_MEMORY)).isEqualTo(640);
        assertThat(UsageMath.reservedMemoryMiB(task(null, null, container("a", null, null, null)), HOST_MEMORY))
                .isEqualTo(HOST_MEMORY);
    }

    @Test
    void aTaskWithoutReservationsIsMeasuredAgainstTheHost() {
        TaskSpec task = task(null, null, container("a", null, null, null));
        var figures = UsageMath.task(task, List.of(new UsageMath.Readings(reading(0, 0, 0, 0),
                reading(20 * SECOND, 10, 1024 * MIB, 0))), HOST_CPU, HOST_MEMORY).orElseThrow();
        assertThat(figures.cpuUtilization()).isCloseTo(50.0, within(1e-9)); // 2 of the host's 4 CPUs
        assertThat(figures.memoryUtilization()).isCloseTo(6.25, within(1e-9)); // 1 of its 16 GiB
    }
}
