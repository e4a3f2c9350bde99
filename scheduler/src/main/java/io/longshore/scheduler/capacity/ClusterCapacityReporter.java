package io.longshore.scheduler.capacity;

import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.scheduler.state.ClusterState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, each round, which of a cluster's {@link ClusterCapacity} figures to publish: those that
 * differ from the last published for their provider (the time aside), and any not published for
 * {@code republishEvery}, so a new autoscaler or a lost record is caught up with. A provider that
 * had instances or waiting tasks last round and has none now gets one empty figure, so the
 * autoscaler does not plan from a stale one. It remembers what it decided to publish (a publication
 * that fails is repeated within {@code republishEvery} at the latest). Not thread-safe: called
 * under the scheduler state's monitor.
 */
public final class ClusterCapacityReporter {
    private final Clock clock;
    private final Duration republishEvery;
    private final Map<String, Map<String, ClusterCapacity>> lastByCluster = new HashMap<>();

    public ClusterCapacityReporter(Clock clock, Duration republishEvery) {
        this.clock = clock;
        this.republishEvery = republishEvery;
    }

    /** The figures to publish now, in provider order. */
    public List<ClusterCapacity> due(String cluster, ClusterState state, Set<String> daemonGroups) {
        Instant now = clock.instant();
        Map<String, ClusterCapacity> last = lastByCluster.computeIfAbsent(cluster, c -> new HashMap<>());
        Set<String> present = ClusterCapacities.providers(state);
        Set<String> providers = new TreeSet<>(present);
        providers.addAll(last.keySet());
        List<ClusterCapacity> due = new ArrayList<>();
        for (String provider : providers) {
            ClusterCapacity current = ClusterCapacities.of(cluster, provider, state, daemonGroups, now);
            ClusterCapacity previous = last.get(provider);
            if (previous == null || !sameExceptTime(previous, current)
                    || !now.isBefore(previous.at().plus(republishEvery))) {
                due.add(current);
                last.put(provider, current);
            }
            if (!present.contains(provider)) {
                last.remove(provider); // its empty figure is out (or was): nothing more to say about it
            }
        }
        return due;
    }

    private static boolean sameExceptTime(ClusterCapacity a, ClusterCapacity b) {
        return Objects.equals(a.provisioning(), b.provisioning()) && Objects.equals(a.instances(), b.instances())
                && Objects.equals(a.capacityProviderName(), b.capacityProviderName());
    }
}
