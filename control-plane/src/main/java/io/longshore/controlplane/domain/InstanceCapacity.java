package io.longshore.controlplane.domain;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceResources;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What a container instance has left: its registered CPU and memory minus what the tasks placed on
 * it hold, and the host ports that are taken (reserved ones plus those held by tasks), per protocol.
 */
public record InstanceCapacity(int cpu, int memory, List<Integer> tcpPorts, List<Integer> udpPorts) {

    public static InstanceCapacity registered(InstanceResources resources) {
        return remaining(resources, List.of());
    }

    /** @param held the allocations of the tasks on the instance that still hold resources */
    public static InstanceCapacity remaining(InstanceResources resources, Collection<Allocation> held) {
        int cpu = resources.cpu();
        int memory = resources.memory();
        TreeSet<Integer> tcp = new TreeSet<>(resources.reservedPorts() == null ? List.of() : resources.reservedPorts());
        TreeSet<Integer> udp = new TreeSet<>();
        for (Allocation allocation : held) {
            cpu -= allocation.cpu();
            memory -= allocation.memory();
            if (allocation.hostPorts() != null) {
                for (HostPort port : allocation.hostPorts()) {
                    ("udp".equalsIgnoreCase(port.protocol()) ? udp : tcp).add(port.port());
                }
            }
        }
        return new InstanceCapacity(cpu, memory, List.copyOf(tcp), List.copyOf(udp));
    }
}
