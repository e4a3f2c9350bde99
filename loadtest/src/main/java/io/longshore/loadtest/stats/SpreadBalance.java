package io.longshore.loadtest.stats;

import io.longshore.common.messaging.InstanceState;
import io.longshore.loadtest.recording.ClusterReplay;
import io.longshore.loadtest.recording.InstanceDirectory;
import io.longshore.loadtest.recording.Recording;
import io.longshore.common.model.Allocation;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per service, how its tasks held at the end spread over availability zones, and the imbalance
 * (most minus fewest, counting zones of the cluster that got none).
 */
public final class SpreadBalance {
    public static final String SERVICE_GROUP_PREFIX = "service:";

    public record ServiceSpread(String service, Map<String, Integer> tasksPerZone, int imbalance) {
    }

    private SpreadBalance() {
    }

    public static Map<String, ServiceSpread> atEnd(Recording recording) {
        InstanceDirectory directory = InstanceDirectory.of(recording.instances());
        Map<String, Map<String, Integer>> perService = new TreeMap<>();
        TreeMap<String, Integer> zones = new TreeMap<>();
        for (InstanceState s : directory.all()) {
            zones.put(directory.zoneOf(s.containerInstanceId()), 0);
        }
        ClusterReplay replay = ClusterReplay.replay(recording.taskEvents(), new ClusterReplay.Listener() { });
        replay.holdings().forEach((instanceId, holdings) -> {
            for (Allocation a : holdings.tasks().values()) {
                if (a.group() == null || !a.group().startsWith(SERVICE_GROUP_PREFIX)) {
                    continue;
                }
                String service = a.group().substring(SERVICE_GROUP_PREFIX.length());
                perService.computeIfAbsent(service, k -> new TreeMap<>(zones))
                        .merge(directory.zoneOf(instanceId), 1, Integer::sum);
            }
        });
        Map<String, ServiceSpread> out = new TreeMap<>();
        perService.forEach((service, counts) -> {
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            out.put(service, new ServiceSpread(service, counts, max - min));
        });
        return out;
    }
}
