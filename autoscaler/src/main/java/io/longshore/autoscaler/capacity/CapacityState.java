package io.longshore.autoscaler.capacity;

import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.MessageKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What cluster scaling knows, rebuilt from Kafka at start-up: the capacity providers, the latest
 * capacity figures per (cluster, provider), and the instances this autoscaler asked to drain (its
 * own DrainInstance decisions not yet followed by a DeregisterInstance), plus, in memory only, since
 * when each group's reservation has been below its target (a restart starts that wait over, which
 * only delays a scale-in). One lock: the feed writes, the loop reads.
 */
@ApplicationScoped
public class CapacityState {
    private final Map<String, CapacityProviderSpec> providers = new LinkedHashMap<>();
    private final Map<String, ClusterCapacity> capacities = new HashMap<>();
    private final Map<String, Set<String>> drainRequested = new HashMap<>();
    private final Map<String, Instant> belowTargetSince = new HashMap<>();
    private volatile boolean caughtUp;

    public synchronized void apply(CapacityProviderSpec spec) {
        if (CapacityProviderSpec.ACTIVE.equals(spec.status())) {
            providers.put(spec.name(), spec);
        } else {
            providers.remove(spec.name()); // deleted: its hosts are left alone
        }
    }

    public synchronized void apply(ClusterCapacity capacity) {
        capacities.put(capacity.key(), capacity);
    }

    /** A decision read back from Kafka or just published; the same twice changes nothing. */
    public synchronized void apply(CapacityDecision decision) {
        if (decision instanceof CapacityDecision.DrainInstance d) {
            drainRequested.computeIfAbsent(d.key(), k -> new HashSet<>()).add(d.containerInstanceId());
        } else if (decision instanceof CapacityDecision.DeregisterInstance d) {
            Set<String> ids = drainRequested.get(d.key());
            if (ids != null) {
                ids.remove(d.containerInstanceId());
            }
        }
    }

    /** Forgets drains of instances that are no longer the provider's (deregistered some other way). */
    public synchronized void forgetDrainsExcept(String key, Collection<String> instanceIds) {
        Set<String> ids = drainRequested.get(key);
        if (ids != null) {
            ids.retainAll(instanceIds);
        }
    }

    public synchronized void belowTargetSince(String key, Instant since) {
        if (since == null) {
            belowTargetSince.remove(key);
        } else {
            belowTargetSince.put(key, since);
        }
    }

    /** Every active provider that is associated with a cluster and has a group, with what its round needs. */
    public synchronized List<GroupView> groupViews() {
        List<GroupView> views = new ArrayList<>();
        for (CapacityProviderSpec spec : providers.values()) {
            if (spec.cluster() == null || spec.autoScalingGroup() == null) {
                continue; // not associated with a cluster: no host is started for it
            }
            String key = MessageKeys.of(spec.cluster(), spec.name());
            views.add(new GroupView(key, spec, capacities.get(key),
                    Set.copyOf(drainRequested.getOrDefault(key, Set.of())), belowTargetSince.get(key)));
        }
        return views;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    public void markCaughtUp() {
        caughtUp = true;
    }

    public synchronized int providerCount() {
        return providers.size();
    }

    /** One group's inputs, copied out of the lock. */
    public record GroupView(String key, CapacityProviderSpec spec, ClusterCapacity capacity,
                            Set<String> drainRequested, Instant belowTargetSince) {
    }
}
