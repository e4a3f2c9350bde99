package io.longshore.common.model;

import java.util.List;

/**
 * What a placed task holds on its container instance: CPU units, memory (MiB) and host ports,
 * the latter in the order of the task's port mappings (static and dynamic alike). It also names
 * the task group the task counts toward (for spread and distinctInstance), so that any holder of
 * an allocation, such as a scheduler rebuilding its view, knows the task's group.
 */
public record Allocation(String containerInstanceId, int cpu, int memory, List<HostPort> hostPorts, String group) {

    public Allocation(String containerInstanceId, int cpu, int memory, List<HostPort> hostPorts) {
        this(containerInstanceId, cpu, memory, hostPorts, null);
    }
}
