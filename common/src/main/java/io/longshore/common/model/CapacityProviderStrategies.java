package io.longshore.common.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which capacity provider each new task of a strategy goes to, given how many of the same
 * RunTask or service already run on each: the base first, then whichever provider is furthest
 * behind its weight's share (ties to the earlier entry). Shared by the control plane (RunTask) and
 * the scheduler (a service's tasks), so both split the same way.
 */
public final class CapacityProviderStrategies {
    private CapacityProviderStrategies() {
    }

    /**
     * @param strategy a valid strategy: at least one entry has a positive weight
     * @param existing tasks already on each provider (missing: none)
     * @param count    new tasks to assign
     * @return the provider of each new task, in order
     */
    public static List<String> assign(List<CapacityProviderStrategyItem> strategy, Map<String, Integer> existing,
                                      int count) {
        Map<String, Integer> counts = new HashMap<>(existing);
        List<String> assigned = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String provider = next(strategy, counts);
            counts.merge(provider, 1, Integer::sum);
            assigned.add(provider);
        }
        return assigned;
    }

    private static String next(List<CapacityProviderStrategyItem> strategy, Map<String, Integer> counts) {
        for (CapacityProviderStrategyItem item : strategy) {
            if (counts.getOrDefault(item.capacityProvider(), 0) < item.base()) {
                return item.capacityProvider();
            }
        }
        CapacityProviderStrategyItem best = null;
        double bestShare = Double.MAX_VALUE;
        for (CapacityProviderStrategyItem item : strategy) {
            if (item.weight() <= 0) {
                continue;
            }
            int beyondBase = Math.max(0, counts.getOrDefault(item.capacityProvider(), 0) - item.base());
            double share = (beyondBase + 1.0) / item.weight();
            if (share < bestShare) {
                best = item;
                bestShare = share;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("a capacity provider strategy needs an entry with a positive weight");
        }
        return best.capacityProvider();
    }
}
