package io.longshore.common.model;

import java.util.List;

/**
 * Everything needed to place and run one task: the task definition's containers with the RunTask
 * overrides already applied, and the task-level cpu/memory and network mode.
 */
public record TaskSpec(
        String cluster,
        String taskId,
        String taskArn,
        String taskDefinitionArn,
        String family,
        String group,
        String startedBy,
        String networkMode,
        Integer cpu,
        Integer memory,
        List<ContainerDefinition> containers) {

    /** CPU units the task reserves: the task-level value, else the sum of its containers'. */
    public int requiredCpu() {
        if (cpu != null) {
            return cpu;
        }
        return containers.stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
    }

    /** Memory (MiB) the task reserves: task level, else per container the hard limit or reservation. */
    public int requiredMemory() {
        if (memory != null) {
            return memory;
        }
        return containers.stream()
                .mapToInt(c -> c.memory() != null ? c.memory() : c.memoryReservation() == null ? 0 : c.memoryReservation())
                .sum();
    }

    /**
     * All port mappings of all containers, in container order. In host mode the container port is
     * the host port; in none mode nothing is published.
     */
    public List<PortMapping> portMappings() {
        if ("none".equals(networkMode)) {
            return List.of();
        }
        var mappings = containers.stream().flatMap(c -> c.portMappingsOrEmpty().stream());
        if ("host".equals(networkMode)) {
            mappings = mappings.map(p -> new PortMapping(p.containerPort(), p.containerPort(), p.protocol()));
        }
        return mappings.toList();
    }
}
