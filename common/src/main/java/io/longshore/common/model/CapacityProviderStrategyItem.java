package io.longshore.common.model;

/**
 * One entry of ECS's capacity provider strategy: the first {@code base} tasks run on this provider
 * (at most one entry has a base), the tasks after that are split between the entries by
 * {@code weight}.
 */
public record CapacityProviderStrategyItem(String capacityProvider, int base, int weight) {
}
