package io.longshore.controlplane.service;

import io.longshore.controlplane.store.ClusterEntity;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.ContainerInstanceRepository;
import io.longshore.controlplane.store.ServiceRepository;
import io.longshore.controlplane.store.TaskRepository;
import io.longshore.controlplane.validation.ClusterRules;
import io.longshore.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** CreateCluster, DescribeClusters, ListClusters, DeleteCluster. */
@ApplicationScoped
public class ClusterService {
    private final ClusterRepository clusters;
    private final ContainerInstanceRepository instances;
    private final TaskRepository tasks;
    private final ServiceRepository services;
    private final CapacityProviderService capacityProviders;
    private final OutboxRelay relay;
    private final Clock clock;

    public ClusterService(ClusterRepository clusters, ContainerInstanceRepository instances, TaskRepository tasks,
                          ServiceRepository services, CapacityProviderService capacityProviders, OutboxRelay relay,
                          Clock clock) {
        this.clusters = clusters;
        this.instances = instances;
        this.tasks = tasks;
        this.services = services;
        this.capacityProviders = capacityProviders;
        this.relay = relay;
        this.clock = clock;
    }

    /** Creates the cluster; creating one that exists returns it (and reactivates an INACTIVE one), as ECS does. */
    public Uni<ClusterSummary> create(String clusterName) {
        String name = ClusterRules.validateName(clusterName);
        return Panache.withTransaction(() -> clusters.upsertActive(name, clock.instant())
                .flatMap(ignored -> clusters.findById(name))
                .flatMap(this::summarize));
    }

    /** Any cluster that exists, INACTIVE ones included (ECS describes them too). */
    public Uni<ClusterSummary> describe(String name) {
        return Panache.withSession(() -> clusters.findById(name)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(name))
                .flatMap(this::summarize));
    }

    public Uni<List<ClusterSummary>> list() {
        return Panache.withSession(() -> clusters.listActive()
                .flatMap(all -> tasks.countByClusterAndStatus()
                        .flatMap(taskCounts -> instances.countActiveByCluster()
                                .map(instanceCounts -> all.stream()
                                        .map(c -> ClusterSummary.of(c, instanceCounts.getOrDefault(c.name, 0L),
                                                taskCounts.getOrDefault(c.name, Map.of())))
                                        .toList()))));
    }

    /**
     * Marks the cluster INACTIVE; refused while it has ACTIVE/DRAINING instances or services, or tasks
     * that are not STOPPED. The row lock makes a concurrent RunTask or CreateService (which share-lock
     * the cluster) wait. Its capacity providers are no longer associated with it (and published so).
     */
    public Uni<ClusterSummary> delete(String name) {
        return Panache.withTransaction(() -> clusters.findActiveForUpdate(name, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(name))
                .flatMap(cluster -> instances.countActive(name)
                        .flatMap(activeInstances -> {
                            if (activeInstances > 0) {
                                return Uni.createFrom().failure(new ServiceException(409,
                                        "ClusterContainsContainerInstancesException",
                                        "cluster: cluster " + name + " cannot be deleted while it has "
                                                + activeInstances + " active or draining container instances"));
                            }
                            return services.countLive(name);
                        })
                        .flatMap(liveServices -> {
                            if (liveServices > 0) {
                                return Uni.createFrom().failure(new ServiceException(409,
                                        "ClusterContainsServicesException",
                                        "cluster: cluster " + name + " cannot be deleted while it has "
                                                + liveServices + " active or draining services"));
                            }
                            return tasks.countNotStopped(name);
                        })
                        .flatMap(activeTasks -> {
                            if (activeTasks > 0) {
                                return Uni.createFrom().failure(new ServiceException(409,
                                        "ClusterContainsTasksException",
                                        "cluster: cluster " + name + " cannot be deleted while it has "
                                                + activeTasks + " tasks that are not STOPPED"));
                            }
                            cluster.status = ClusterEntity.INACTIVE;
                            return capacityProviders.disassociateAll(cluster)
                                    .replaceWith(new ClusterSummary(cluster, 0, 0, 0));
                        })))
                .invoke(relay::trigger);
    }

    private Uni<ClusterSummary> summarize(ClusterEntity cluster) {
        return instances.countActive(cluster.name)
                .flatMap(instanceCount -> tasks.countByClusterAndStatus()
                        .map(counts -> ClusterSummary.of(cluster, instanceCount,
                                counts.getOrDefault(cluster.name, Map.of()))));
    }
}
