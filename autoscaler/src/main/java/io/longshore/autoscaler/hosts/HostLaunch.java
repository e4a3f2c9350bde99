package io.longshore.autoscaler.hosts;

import java.util.Map;

/**
 * What a new host is to be: its agent joins {@code cluster} as an instance of
 * {@code capacityProviderName}, offering {@code cpu} units and {@code memory} MiB, with
 * {@code attributes} (the group's, plus {@code longshore.host-id}).
 */
public record HostLaunch(String group, String hostId, String cluster, String capacityProviderName, int cpu,
                         int memory, Map<String, String> attributes, String bindIp) {
    public HostLaunch {
        attributes = Map.copyOf(attributes);
    }
}
