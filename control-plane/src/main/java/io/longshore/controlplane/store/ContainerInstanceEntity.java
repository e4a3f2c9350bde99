package io.longshore.controlplane.store;

import io.longshore.common.model.InstanceResources;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

@Entity
@Table(name = "container_instances")
public class ContainerInstanceEntity {
    @Id
    public String id;
    public String cluster;
    public String status;
    @Column(name = "agent_connected")
    public boolean agentConnected;
    public String hostname;
    @Column(name = "bind_ip")
    public String bindIp;
    @Column(name = "agent_version")
    public String agentVersion;
    public int cpu;
    public int memory;
    /** JSON array of port numbers. */
    @Column(name = "reserved_ports")
    public String reservedPorts;
    @Column(name = "ephemeral_port_from")
    public int ephemeralPortFrom;
    @Column(name = "ephemeral_port_to")
    public int ephemeralPortTo;
    /** JSON object of attribute name to value, as the agent reported them. */
    public String attributes;
    /** JSON object of the attributes set with PutAttributes; kept when the agent registers again. */
    @Column(name = "custom_attributes")
    public String customAttributes;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The capacity provider whose auto scaling group the host belongs to, as the agent registered it; null: none. */
    @Column(name = "capacity_provider_name")
    public String capacityProviderName;

    /** The agent's attributes with the custom ones over them, sorted by name. */
    public Map<String, String> allAttributes() {
        Map<String, String> all = new TreeMap<>(JsonColumns.attributes(attributes));
        all.putAll(JsonColumns.attributes(customAttributes));
        return all;
    }

    public InstanceResources resources() {
        return new InstanceResources(cpu, memory, JsonColumns.ports(reservedPorts), ephemeralPortFrom, ephemeralPortTo);
    }
}
