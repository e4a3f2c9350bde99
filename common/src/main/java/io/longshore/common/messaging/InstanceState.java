package io.longshore.common.messaging;

import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import java.time.Instant;
import java.util.Map;

/**
 * The control plane's authoritative view of a container instance, on the compacted
 * {@link Topics#INSTANCE_STATE}, keyed {@code <cluster>/<containerInstanceId>}. The scheduler
 * places only on instances that are ACTIVE with a connected agent.
 */
public record InstanceState(
        int schemaVersion,
        String cluster,
        String containerInstanceId,
        InstanceStatus status,
        boolean agentConnected,
        String bindIp,
        String agentVersion,
        InstanceResources resources,
        Map<String, String> attributes,
        Instant registeredAt) {
    public static final int SCHEMA_VERSION = 1;

    public InstanceState(String cluster, String containerInstanceId, InstanceStatus status, boolean agentConnected,
                         String bindIp, String agentVersion, InstanceResources resources,
                         Map<String, String> attributes, Instant registeredAt) {
        this(SCHEMA_VERSION, cluster, containerInstanceId, status, agentConnected, bindIp, agentVersion, resources,
                attributes, registeredAt);
    }

    public boolean acceptsPlacements() {
        return status == InstanceStatus.ACTIVE && agentConnected;
    }
}
