package io.longshore.common.model;

import java.util.List;

/**
 * What a placed task holds on its container instance: CPU units, memory (MiB) and host ports,
 * the latter in the order of the task's port mappings (static and dynamic alike).
 */
public record Allocation(String containerInstanceId, int cpu, int memory, List<HostPort> hostPorts) {
}
