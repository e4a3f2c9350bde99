package io.longshore.common.model;

import java.util.List;

/**
 * What a container instance offers: CPU units, memory (MiB), the ports that may never be handed
 * out, and the ephemeral range dynamic host ports come from.
 */
public record InstanceResources(
        int cpu,
        int memory,
        List<Integer> reservedPorts,
        int ephemeralPortFrom,
        int ephemeralPortTo) {
}
