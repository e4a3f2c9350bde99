package io.longshore.controlplane.api;

import io.longshore.common.model.Arns;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.controlplane.service.ClusterSummary;
import java.util.List;

/** Cluster request and response shapes. */
public final class ClusterDtos {
    private ClusterDtos() {
    }

    public record CreateClusterRequest(String clusterName) {
    }

    public record Cluster(String clusterArn, String clusterName, String status, long registeredContainerInstancesCount,
                          long runningTasksCount, long pendingTasksCount, List<String> capacityProviders,
                          List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy) {
        static Cluster of(ClusterSummary s) {
            return new Cluster(Arns.cluster(s.cluster().name), s.cluster().name, s.cluster().status,
                    s.registeredContainerInstancesCount(), s.runningTasksCount(), s.pendingTasksCount(),
                    s.cluster().capacityProviderNames(), s.cluster().defaultStrategy());
        }
    }

    public record ClusterResponse(Cluster cluster) {
    }

    public record ClustersResponse(List<Cluster> clusters) {
    }
}
