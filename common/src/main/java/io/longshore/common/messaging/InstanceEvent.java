package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.longshore.common.model.InstanceResources;
import java.time.Instant;
import java.util.Map;

/**
 * What an agent says about its host, on {@link Topics#INSTANCE_EVENTS}, keyed
 * {@code <cluster>/<containerInstanceId>}. The control plane turns these into the authoritative
 * {@link InstanceState}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = InstanceEvent.Registered.class, name = "Registered"),
        @JsonSubTypes.Type(value = InstanceEvent.Heartbeat.class, name = "Heartbeat")
})
public sealed interface InstanceEvent {
    int SCHEMA_VERSION = 1;

    String cluster();

    String containerInstanceId();

    Instant at();

    /**
     * The agent started (or restarted) and offers this host.
     *
     * @param capacityProviderName the capacity provider whose auto scaling group the host belongs to (null: none)
     */
    record Registered(int schemaVersion, String cluster, String containerInstanceId, String hostname,
                      String bindIp, String agentVersion, InstanceResources resources,
                      Map<String, String> attributes, Instant at,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String capacityProviderName) implements InstanceEvent {
        public Registered(String cluster, String containerInstanceId, String hostname, String bindIp,
                          String agentVersion, InstanceResources resources, Map<String, String> attributes,
                          Instant at, String capacityProviderName) {
            this(SCHEMA_VERSION, cluster, containerInstanceId, hostname, bindIp, agentVersion, resources,
                    attributes, at, capacityProviderName);
        }
    }

    /** The agent is alive. */
    record Heartbeat(int schemaVersion, String cluster, String containerInstanceId, int runningTasks,
                     Instant at) implements InstanceEvent {
        public Heartbeat(String cluster, String containerInstanceId, int runningTasks, Instant at) {
            this(SCHEMA_VERSION, cluster, containerInstanceId, runningTasks, at);
        }
    }
}
