package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        Instant registeredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String capacityProviderName) {
    public static final int SCHEMA_VERSION = 1;

    /** An instance of no capacity provider. */
    public InstanceState(String cluster, String containerInstanceId, InstanceStatus status, boolean agentConnected,
                         String bindIp, String agentVersion, InstanceResources resources,
                         Map<String, String> attributes, Instant registeredAt) {
        this(cluster, containerInstanceId, status, agentConnected, bindIp, agentVersion, resources, attributes,
                registeredAt, null);
    }

    /** @param capacityProviderName the capacity provider whose auto scaling group the host belongs to (null: none) */
    public InstanceState(String cluster, String containerInstanceId, InstanceStatus status, boolean agentConnected,
                         String bindIp, String agentVersion, InstanceResources resources,
                         Map<String, String> attributes, Instant registeredAt, String capacityProviderName) {
        this(SCHEMA_VERSION, cluster, containerInstanceId, status, agentConnected, bindIp, agentVersion, resources,
                attributes, registeredAt, capacityProviderName);
    }

    public boolean acceptsPlacements() {
        return status == InstanceStatus.ACTIVE && agentConnected;
    }
}
