package io.longshore.loadtest.recording;

import io.longshore.common.messaging.InstanceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The latest recorded state of each instance of the cluster. */
public final class InstanceDirectory {
    private final Map<String, InstanceState> latest = new LinkedHashMap<>();

    private InstanceDirectory() {
    }

    public static InstanceDirectory of(List<InstanceRecord> records) {
        InstanceDirectory d = new InstanceDirectory();
        for (InstanceRecord r : records) {
            d.latest.put(r.state().containerInstanceId(), r.state());
        }
        return d;
    }

    public Optional<InstanceState> get(String instanceId) {
        return Optional.ofNullable(latest.get(instanceId));
    }

    public Collection<InstanceState> all() {
        return latest.values();
    }

    public String zoneOf(String instanceId) {
        InstanceState s = latest.get(instanceId);
        String zone = s == null || s.attributes() == null ? null : s.attributes().get("ecs.availability-zone");
        return zone == null ? "(none)" : zone;
    }
}
