package io.longshore.scheduler;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for the records the scheduler's tests need. */
public final class Fixtures {
    private Fixtures() {
    }

    public static InstanceState instance(String id, int cpu, int memory, String zone) {
        return new InstanceState("default", id, InstanceStatus.ACTIVE, true, "127.0.0.1", "0.1.0",
                new InstanceResources(cpu, memory, List.of(22), 50000, 50009),
                Map.of("ecs.availability-zone", zone), Instant.EPOCH);
    }

    /** An instance of a capacity provider's group, with the host id its provisioner gave it. */
    public static InstanceState providerInstance(String id, int cpu, int memory, String provider) {
        return new InstanceState("default", id, InstanceStatus.ACTIVE, true, "127.0.0.1", "0.1.0",
                new InstanceResources(cpu, memory, List.of(22), 50000, 50009),
                Map.of("ecs.availability-zone", "z", "longshore.host-id", "host-" + id), Instant.EPOCH, provider);
    }

    public static TaskSpec task(String id, int cpu, int memory, PortMapping... ports) {
        return task(id, "family:web", cpu, memory, ports);
    }

    public static TaskSpec task(String id, String group, int cpu, int memory, PortMapping... ports) {
        ContainerDefinition container = new ContainerDefinition("main", "longshore/busybox:latest", cpu, memory, null,
                List.of(ports), true, List.of(), List.of("sleep", "60"), null, null, null, Map.of());
        return new TaskSpec("default", id, "arn:task/" + id, "arn:td/web:1", "web", group, null, "bridge", null, null,
                List.of(container));
    }
}
