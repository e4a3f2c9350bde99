package io.longshore.controlplane.service;

import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.domain.CapacityProvider;
import io.longshore.controlplane.domain.CreateCapacityProvider;
import io.longshore.controlplane.domain.PutClusterCapacityProviders;
import io.longshore.controlplane.domain.UpdateCapacityProvider;
import io.longshore.controlplane.store.AutoScalingGroupEntity;
import io.longshore.controlplane.store.AutoScalingGroupRepository;
import io.longshore.controlplane.store.CapacityProviderEntity;
import io.longshore.controlplane.store.CapacityProviderRepository;
import io.longshore.controlplane.store.ClusterEntity;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.ServiceEntity;
import io.longshore.controlplane.store.ServiceRepository;
import io.longshore.controlplane.store.TaskRepository;
import io.longshore.controlplane.validation.CapacityProviderRules;
import io.longshore.controlplane.validation.CapacityProviderRules.ValidCapacityProvider;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * ECS capacity providers: Create, Describe, Update and DeleteCapacityProvider, and
 * PutClusterCapacityProviders. Every change publishes the whole spec of each provider it changes, in
 * its transaction. Locks, in this order: cluster, auto scaling group, providers by name.
 */
@ApplicationScoped
public class CapacityProviderService {
    private static final Logger LOG = Logger.getLogger(CapacityProviderService.class);

    private final CapacityProviderRepository providers;
    private final AutoScalingGroupRepository groups;
    private final ClusterRepository clusters;
    private final TaskRepository tasks;
    private final ServiceRepository services;
    private final CapacityProviderPublisher publisher;
    private final OutboxRelay relay;
    private final Clock clock;

    public CapacityProviderService(CapacityProviderRepository providers, AutoScalingGroupRepository groups,
                                   ClusterRepository clusters, TaskRepository tasks, ServiceRepository services,
                                   CapacityProviderPublisher publisher, OutboxRelay relay, Clock clock) {
        this.providers = providers;
        this.groups = groups;
        this.clusters = clusters;
        this.tasks = tasks;
        this.services = services;
        this.publisher = publisher;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * CreateCapacityProvider on a group no other provider uses. The name of an INACTIVE (deleted)
     * provider may be taken again.
     */
    public Uni<CapacityProvider> create(CreateCapacityProvider request) {
        ValidCapacityProvider valid = CapacityProviderRules.validate(request);
        Instant now = clock.instant();
        String groupField = "autoScalingGroupProvider.autoScalingGroupArn";
        return Panache.withTransaction(() -> groups.findById(valid.groupName(), LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(groupRow -> {
                            if (groupRow == null || valid.groupReference().startsWith("arn:")
                                    && !valid.groupReference().equals(groupRow.arn)) {
                                return Uni.createFrom().failure(InvalidRequestException.of(
                                        InvalidRequestException.INVALID_PARAMETER, groupField,
                                        "no auto scaling group " + valid.groupReference()));
                            }
                            AutoScalingGroup group = groupRow.toDomain();
                            return providers.findActiveForGroup(group.name(), LockModeType.NONE).flatMap(user -> {
                                if (user != null) {
                                    return Uni.createFrom().failure(ServiceException.resourceInUse(groupField,
                                            "auto scaling group " + group.name() + " belongs to capacity provider "
                                                    + user.name + " already"));
                                }
                                return providers.findById(valid.name(), LockModeType.PESSIMISTIC_WRITE)
                                        .flatMap(existing -> {
                                            if (existing != null && CapacityProvider.ACTIVE.equals(existing.status)) {
                                                return Uni.createFrom().failure(providerExists(valid.name()));
                                            }
                                            CapacityProvider provider = CapacityProvider.create(valid.name(), group,
                                                    valid.managedScaling(), valid.managedTerminationProtection(), now);
                                            CapacityProviderEntity row = existing == null
                                                    ? new CapacityProviderEntity() : existing;
                                            row.set(provider);
                                            Uni<Void> saved = existing == null ? providers.persist(row).replaceWithVoid()
                                                    : Uni.createFrom().voidItem();
                                            return saved.flatMap(v -> publisher.publish(provider, group))
                                                    .replaceWith(provider);
                                        });
                            });
                        }))
                // Two creates at once: of one name (the key), or on one group (the partial unique index).
                .onFailure(ServiceService::isUniqueViolation).transform(e -> providerExists(valid.name()))
                .invoke(relay::trigger)
                .invoke(p -> LOG.infof("capacity provider %s created on auto scaling group %s", p.name(),
                        p.autoScalingGroupName()));
    }

    private static ServiceException providerExists(String name) {
        return new ServiceException(409, "ClientException", "name: a capacity provider named " + name
                + " exists already (or its auto scaling group belongs to another)");
    }

    /** DescribeCapacityProviders: every provider, INACTIVE ones too, by name. */
    public Uni<List<CapacityProvider>> list() {
        return Panache.withSession(() -> providers.listAll()
                .map(rows -> rows.stream().map(CapacityProviderEntity::toDomain).toList()));
    }

    public Uni<CapacityProvider> describe(String name) {
        return Panache.withSession(() -> require(name, LockModeType.NONE)).map(CapacityProviderEntity::toDomain);
    }

    /** UpdateCapacityProvider: managed scaling and termination protection of an ACTIVE provider. */
    public Uni<CapacityProvider> update(String name, UpdateCapacityProvider request) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> require(name, LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
                    CapacityProvider current = row.toDomain();
                    if (!current.isActive()) {
                        return Uni.createFrom().failure(notActive(name));
                    }
                    CapacityProvider next = CapacityProviderRules.validate(current, request, now);
                    row.set(next);
                    return group(next).flatMap(group -> publisher.publish(next, group)).replaceWith(next);
                }))
                .invoke(relay::trigger)
                .invoke(p -> LOG.infof("capacity provider %s updated: %s", p.name(), p.managedScaling()));
    }

    /**
     * DeleteCapacityProvider: INACTIVE, published so. Refused while it is associated with a cluster, as
     * ECS refuses it. Deleting an INACTIVE one changes nothing.
     */
    public Uni<CapacityProvider> delete(String name) {
        Instant now = clock.instant();
        boolean[] changed = {false};
        return Panache.withTransaction(() -> require(name, LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
                    CapacityProvider current = row.toDomain();
                    if (!current.isActive()) {
                        return Uni.createFrom().item(current);
                    }
                    if (current.cluster() != null) {
                        return Uni.createFrom().failure(ServiceException.resourceInUse("capacityProvider",
                                "capacity provider " + name + " is associated with cluster " + current.cluster()
                                        + "; remove it with PUT /v1/clusters/" + current.cluster()
                                        + "/capacity-providers first"));
                    }
                    CapacityProvider next = current.deleted(now);
                    row.set(next);
                    changed[0] = true;
                    return group(next).flatMap(group -> publisher.publish(next, group)).replaceWith(next);
                }))
                .invoke(p -> {
                    if (changed[0]) {
                        relay.trigger();
                        LOG.infof("capacity provider %s deleted: INACTIVE", name);
                    }
                });
    }

    /**
     * PutClusterCapacityProviders: the cluster's providers and default strategy become the request's.
     * A provider of another cluster is refused; so is taking away one that a task that is not STOPPED
     * or a service still uses. Each provider added or taken away is published with its new cluster.
     */
    public Uni<ClusterEntity> putClusterCapacityProviders(String cluster, PutClusterCapacityProviders request) {
        PutClusterCapacityProviders valid = CapacityProviderRules.validate(request);
        Instant now = clock.instant();
        // Exclusive: RunTask and CreateService share-lock the cluster while they check their strategy against it.
        return Panache.withTransaction(() -> clusters.findActiveForUpdate(cluster, LockModeType.PESSIMISTIC_WRITE)
                        .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                        .flatMap(c -> {
                            List<String> before = c.capacityProviderNames();
                            // Every provider involved, locked in name order so that concurrent calls cannot deadlock.
                            TreeSet<String> involved = new TreeSet<>(before);
                            involved.addAll(valid.capacityProviders());
                            return Multi.createFrom().iterable(involved)
                                    .onItem().transformToUniAndConcatenate(n ->
                                            providers.findById(n, LockModeType.PESSIMISTIC_WRITE))
                                    .collect().asList()
                                    .flatMap(rows -> {
                                        Map<String, CapacityProviderEntity> byName = new HashMap<>();
                                        rows.stream().filter(Objects::nonNull).forEach(r -> byName.put(r.name, r));
                                        checkRequested(cluster, valid.capacityProviders(), byName);
                                        List<String> removed = before.stream()
                                                .filter(n -> !valid.capacityProviders().contains(n)).toList();
                                        return checkUnused(cluster, removed)
                                                .flatMap(v -> associate(c, before, valid, byName, now));
                                    });
                        }))
                .invoke(relay::trigger)
                .invoke(c -> LOG.infof("cluster %s: capacity providers %s, default strategy %s", cluster,
                        c.capacityProviders, c.defaultCapacityProviderStrategy));
    }

    private static void checkRequested(String cluster, List<String> requested, Map<String, CapacityProviderEntity> byName) {
        for (int i = 0; i < requested.size(); i++) {
            CapacityProviderEntity row = byName.get(requested.get(i));
            String field = "capacityProviders[" + i + "]";
            if (row == null || !CapacityProvider.ACTIVE.equals(row.status)) {
                throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, field,
                        "capacity provider " + requested.get(i) + " not found");
            }
            if (row.cluster != null && !row.cluster.equals(cluster)) {
                throw ServiceException.resourceInUse(field, "capacity provider " + row.name
                        + " is associated with cluster " + row.cluster + " already");
            }
        }
    }

    /** A provider taken away from the cluster must not be used by a task that is not STOPPED, nor by a service. */
    private Uni<Void> checkUnused(String cluster, List<String> removed) {
        if (removed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return services.listLive(cluster, null).flatMap(live -> Multi.createFrom().iterable(removed)
                .onItem().transformToUniAndConcatenate(name -> {
                    for (ServiceEntity s : live) {
                        boolean uses = JsonColumns.capacityProviderStrategy(s.capacityProviderStrategy).stream()
                                .anyMatch(item -> item.capacityProvider().equals(name));
                        if (uses) {
                            return Uni.createFrom().failure(ServiceException.resourceInUse("capacityProviders",
                                    "capacity provider " + name + " is used by service " + s.name
                                            + "'s capacity provider strategy"));
                        }
                    }
                    return tasks.countNotStoppedOnProvider(cluster, name).flatMap(n -> n == 0
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(ServiceException.resourceInUse("capacityProviders",
                            "capacity provider " + name + " is used by " + n + " task(s) that are not STOPPED")));
                })
                .collect().asList()
                .replaceWithVoid());
    }

    private Uni<ClusterEntity> associate(ClusterEntity c, List<String> before, PutClusterCapacityProviders valid,
                                         Map<String, CapacityProviderEntity> byName, Instant now) {
        List<CapacityProviderEntity> changed = new ArrayList<>();
        for (String name : before) {
            if (!valid.capacityProviders().contains(name) && byName.containsKey(name)) {
                changed.add(byName.get(name));
            }
        }
        for (String name : valid.capacityProviders()) {
            if (!before.contains(name)) {
                changed.add(byName.get(name));
            }
        }
        c.capacityProviders = JsonColumns.write(valid.capacityProviders());
        c.defaultCapacityProviderStrategy = JsonColumns.write(valid.defaultCapacityProviderStrategy());
        return Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(row -> {
                    CapacityProvider next = row.toDomain().associatedWith(
                            valid.capacityProviders().contains(row.name) ? c.name : null, now);
                    row.set(next);
                    return group(next).flatMap(group -> publisher.publish(next, group));
                })
                .collect().asList()
                .replaceWith(c);
    }

    /**
     * DeleteCluster's part: the cluster's providers are no longer associated with it (published so),
     * inside the caller's transaction, which holds the cluster's lock. The caller triggers the relay.
     */
    public Uni<Void> disassociateAll(ClusterEntity cluster) {
        List<String> names = new ArrayList<>(new TreeSet<>(cluster.capacityProviderNames()));
        cluster.capacityProviders = JsonColumns.write(List.of());
        cluster.defaultCapacityProviderStrategy = JsonColumns.write(List.<CapacityProviderStrategyItem>of());
        Instant now = clock.instant();
        return Multi.createFrom().iterable(names)
                .onItem().transformToUniAndConcatenate(n -> providers.findById(n, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(row -> {
                            if (row == null || !cluster.name.equals(row.cluster)) {
                                return Uni.createFrom().voidItem();
                            }
                            CapacityProvider next = row.toDomain().associatedWith(null, now);
                            row.set(next);
                            return group(next).flatMap(group -> publisher.publish(next, group));
                        }))
                .collect().asList()
                .replaceWithVoid();
    }

    /** The provider's group: it exists while the provider is ACTIVE (a group in use cannot be deleted). */
    private Uni<AutoScalingGroup> group(CapacityProvider provider) {
        return groups.findById(provider.autoScalingGroupName())
                .onItem().ifNull().failWith(() -> new IllegalStateException("capacity provider " + provider.name()
                        + " has no auto scaling group " + provider.autoScalingGroupName()))
                .map(AutoScalingGroupEntity::toDomain);
    }

    private Uni<CapacityProviderEntity> require(String name, LockModeType lock) {
        return providers.findById(name, lock).onItem().ifNull().failWith(() ->
                ServiceException.capacityProviderNotFound(name));
    }

    private static ServiceException notActive(String name) {
        return new ServiceException(400, "ClientException", "capacityProvider: capacity provider " + name
                + " is INACTIVE; only an ACTIVE one can be updated");
    }
}
