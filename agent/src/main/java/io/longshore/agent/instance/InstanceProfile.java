package io.longshore.agent.instance;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.model.InstanceResources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What this host offers the cluster: resources, attributes, where its tasks' ports are published,
 * and the capacity provider whose group it belongs to (null: none).
 */
public record InstanceProfile(String hostname, String bindIp, String agentVersion, InstanceResources resources,
                              Map<String, String> attributes, String capacityProviderName) {

    /** Builds the profile from configuration, filling in the host's own CPU and memory when not configured. */
    public static InstanceProfile of(String hostname, String bindIp, String agentVersion, OptionalInt cpu,
                                     OptionalInt memory, List<Integer> reservedPorts, String ephemeralPorts,
                                     Map<String, String> attributes, String capacityProviderName) {
        PortRange ephemeral = PortRange.parse(ephemeralPorts);
        int cpuUnits = cpu.orElseGet(HostResources::cpuUnits);
        int memoryMiB = memory.orElseGet(HostResources::memoryMiB);
        if (cpuUnits <= 0 || memoryMiB <= 0) {
            throw new IllegalArgumentException("longshore.agent.cpu and .memory must be positive, got "
                    + cpuUnits + " and " + memoryMiB);
        }
        return new InstanceProfile(hostname, bindIp, agentVersion,
                new InstanceResources(cpuUnits, memoryMiB, List.copyOf(reservedPorts), ephemeral.from(), ephemeral.to()),
                Map.copyOf(attributes), capacityProviderName);
    }

    public InstanceEvent.Registered registration(AgentIdentity identity, Instant now) {
        return new InstanceEvent.Registered(identity.cluster(), identity.instanceId(), hostname, bindIp, agentVersion,
                resources, attributes, now, capacityProviderName);
    }
}
