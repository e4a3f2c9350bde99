package io.longshore.controlplane.domain;

import io.longshore.common.model.CapacityProviderStrategyItem;
import java.util.List;

/**
 * ECS's PutClusterCapacityProviders (the cluster comes from the path): the whole set of the
 * cluster's capacity providers and its default strategy, replacing what it had.
 */
public record PutClusterCapacityProviders(List<String> capacityProviders,
                                          List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy) {
}
