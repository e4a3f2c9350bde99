package io.longshore.agent.metrics;

import io.longshore.agent.runtime.ContainerUsage;
import io.longshore.common.model.TaskSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A task's CPU and memory use from its containers' engine readings, relative to what the task
 * reserved, as ECS's CPUUtilization and MemoryUtilization are. No IO.
 *
 * <p>CPU counters are cumulative, so a CPU figure needs two readings of a container: the share of
 * the host's CPU time it got in between ({@code docker stats}'s formula), in CPU units (1024 per
 * CPU). Memory is the usage less the reclaimable page cache, as {@code docker stats} shows it.
 * A task without a reservation is measured against the host (it may use all of it).
 */
public final class UsageMath {
    public static final int CPU_UNITS_PER_CPU = 1024;
    private static final double MIB = 1024.0 * 1024.0;

    private UsageMath() {
    }

    /**
     * A container's reading of this pass and the one before.
     *
     * @param previous null on the container's first pass
     * @param current  null when the container could not be read this pass
     */
    public record Readings(ContainerUsage previous, ContainerUsage current) {
    }

    /** What a task used, summed over its containers; utilizations in percent (CPU may exceed 100). */
    public record TaskFigures(double cpuUnitsUsed, double cpuUtilization, double memoryMiBUsed,
                              double memoryUtilization) {
    }

    /**
     * The CPU units a container used on average between two readings; empty for the first reading,
     * or when the counters did not advance or went back (a restarted container starts from zero).
     */
    public static OptionalDouble cpuUnitsUsed(ContainerUsage previous, ContainerUsage current) {
        if (previous == null || current == null) {
            return OptionalDouble.empty();
        }
        long cpuDelta = current.cpuTotalNanos() - previous.cpuTotalNanos();
        long systemDelta = current.systemCpuNanos() - previous.systemCpuNanos();
        if (systemDelta <= 0 || cpuDelta < 0) {
            return OptionalDouble.empty();
        }
        // the system counter sums all CPUs: its share times the CPUs is the CPUs used
        return OptionalDouble.of((double) cpuDelta / systemDelta * current.onlineCpus() * CPU_UNITS_PER_CPU);
    }

    /** Memory in use in MiB: usage less the page cache the kernel can reclaim. */
    public static double memoryMiBUsed(ContainerUsage reading) {
        long cache = reading.memoryCacheBytes() < reading.memoryUsageBytes() ? reading.memoryCacheBytes() : 0;
        return Math.max(0, reading.memoryUsageBytes() - cache) / MIB;
    }

    /** The task's CPU units (task level, else the sum of its containers'), else the host's. */
    public static int reservedCpuUnits(TaskSpec task, int hostCpuUnits) {
        int reserved = task.requiredCpu();
        return reserved > 0 ? reserved : hostCpuUnits;
    }

    /** The task's memory in MiB (task level, else per container the hard limit or the reservation), else the host's. */
    public static int reservedMemoryMiB(TaskSpec task, int hostMemoryMiB) {
        int reserved = task.requiredMemory();
        return reserved > 0 ? reserved : hostMemoryMiB;
    }

    /**
     * The task's figures, or empty when any of its containers has no CPU figure this pass (its first
     * reading, or a failed one): a partial sum would understate the task's use.
     */
    public static Optional<TaskFigures> task(TaskSpec task, List<Readings> containers, int hostCpuUnits,
                                             int hostMemoryMiB) {
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        double cpuUnits = 0;
        double memoryMiB = 0;
        for (Readings readings : containers) {
            OptionalDouble cpu = cpuUnitsUsed(readings.previous(), readings.current());
            if (cpu.isEmpty()) {
                return Optional.empty();
            }
            cpuUnits += cpu.getAsDouble();
            memoryMiB += memoryMiBUsed(readings.current());
        }
        return Optional.of(new TaskFigures(cpuUnits, cpuUnits / reservedCpuUnits(task, hostCpuUnits) * 100,
                memoryMiB, memoryMiB / reservedMemoryMiB(task, hostMemoryMiB) * 100));
    }
}
