package io.longshore.agent.runtime;

import java.time.Instant;

/**
 * One reading of a running container's resource counters, as the engine's stats report them.
 * CPU counters are cumulative: a figure needs two readings (see {@code UsageMath}).
 *
 * @param cpuTotalNanos     CPU time the container has used since it started
 * @param systemCpuNanos    CPU time the host has spent, summed over all its CPUs, at the same moment
 * @param onlineCpus        the host's CPUs the container may use
 * @param memoryUsageBytes  the cgroup's memory usage, page cache included
 * @param memoryCacheBytes  the reclaimable page cache within it ({@code inactive_file}, or {@code cache} on old
 *                          engines), which {@code docker stats} subtracts
 * @param readAt            when the engine took the reading
 */
public record ContainerUsage(long cpuTotalNanos, long systemCpuNanos, int onlineCpus, long memoryUsageBytes,
                             long memoryCacheBytes, Instant readAt) {
}
