package io.longshore.controlplane.api;

import io.longshore.common.model.Arns;
import io.longshore.controlplane.domain.InstanceCapacity;
import io.longshore.controlplane.service.InstanceSummary;
import io.longshore.controlplane.store.ContainerInstanceEntity;
import java.time.Instant;
import java.util.List;

/** Container instance response shapes, with ECS's resource encoding. */
public final class ContainerInstanceDtos {
    private ContainerInstanceDtos() {
    }

    public record Attribute(String name, String value) {
    }

    /** ECS's Resource: CPU and MEMORY as INTEGER, PORTS and PORTS_UDP as STRINGSET. */
    public record Resource(String name, String type, Integer integerValue, List<String> stringSetValue) {
        static List<Resource> of(InstanceCapacity capacity) {
            return List.of(
                    new Resource("CPU", "INTEGER", capacity.cpu(), null),
                    new Resource("MEMORY", "INTEGER", capacity.memory(), null),
                    new Resource("PORTS", "STRINGSET", null, capacity.tcpPorts().stream().map(String::valueOf).toList()),
                    new Resource("PORTS_UDP", "STRINGSET", null,
                            capacity.udpPorts().stream().map(String::valueOf).toList()));
        }
    }

    public record VersionInfo(String agentVersion) {
    }

    public record ContainerInstance(String containerInstanceArn, String ec2InstanceId, String status,
                                    boolean agentConnected, List<Attribute> attributes,
                                    List<Resource> registeredResources, List<Resource> remainingResources,
                                    long runningTasksCount, long pendingTasksCount, VersionInfo versionInfo,
                                    Instant registeredAt, String capacityProviderName) {
        static ContainerInstance of(InstanceSummary s) {
            ContainerInstanceEntity i = s.instance();
            List<Attribute> attributes = i.allAttributes().entrySet().stream()
                    .map(e -> new Attribute(e.getKey(), e.getValue())).toList();
            return new ContainerInstance(Arns.containerInstance(i.cluster, i.id), i.id, i.status, i.agentConnected,
                    attributes, Resource.of(s.registered()), Resource.of(s.remaining()), s.runningTasksCount(),
                    s.pendingTasksCount(), new VersionInfo(i.agentVersion), i.registeredAt, i.capacityProviderName);
        }
    }

    public record ContainerInstanceResponse(ContainerInstance containerInstance) {
    }

    public record ContainerInstancesResponse(List<ContainerInstance> containerInstances) {
    }
}
