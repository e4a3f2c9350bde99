package io.longshore.controlplane.service;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.Arns;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.InstanceFacts;
import io.longshore.common.query.QuerySyntaxException;
import io.longshore.controlplane.config.LongshoreConfig;
import io.longshore.controlplane.domain.InstanceCapacity;
import io.longshore.controlplane.messaging.Outbox;
import io.longshore.outbox.OutboxRelay;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.ContainerInstanceEntity;
import io.longshore.controlplane.store.ContainerInstanceRepository;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.TaskEntity;
import io.longshore.controlplane.store.TaskRepository;
import io.longshore.controlplane.validation.AttributeRules.ValidAttribute;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Container instances: what agents register and how they heartbeat, turned into the authoritative
 * {@link InstanceState} the scheduler places against (published through the outbox, in the same
 * transaction as the change); and the ListContainerInstances / DescribeContainerInstances views.
 */
@ApplicationScoped
public class ContainerInstanceService {
    private static final Logger LOG = Logger.getLogger(ContainerInstanceService.class);

    private final ClusterRepository clusters;
    private final ContainerInstanceRepository instances;
    private final TaskRepository tasks;
    private final Outbox outbox;
    private final BuiltInEventPublisher builtInEvents;
    private final OutboxRelay relay;
    private final LongshoreConfig config;
    private final Clock clock;

    public ContainerInstanceService(ClusterRepository clusters, ContainerInstanceRepository instances,
                                    TaskRepository tasks, Outbox outbox, OutboxRelay relay, LongshoreConfig config,
                                    BuiltInEventPublisher builtInEvents, Clock clock) {
        this.clusters = clusters;
        this.instances = instances;
        this.tasks = tasks;
        this.outbox = outbox;
        this.builtInEvents = builtInEvents;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    public Uni<List<InstanceSummary>> list(String cluster) {
        return list(cluster, null);
    }

    /**
     * ListContainerInstances, keeping only the instances a cluster query selects (all when the
     * filter is null or blank). A filter that does not parse is a 400 naming the position.
     */
    public Uni<List<InstanceSummary>> list(String cluster, String filter) {
        ClusterQuery query;
        try {
            query = filter == null || filter.isBlank() ? null : ClusterQuery.parse(filter);
        } catch (QuerySyntaxException e) {
            return Uni.createFrom().failure(InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER,
                    "filter", e.getMessage()));
        }
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> instances.listByCluster(cluster))
                .flatMap(rows -> tasks.listHoldingResources(cluster)
                        .map(held -> rows.stream().map(row -> summarize(row, held))
                                .filter(s -> query == null || query.matches(facts(s)))
                                .toList())));
    }

    /** What the cluster query language sees of an instance. */
    static InstanceFacts facts(InstanceSummary s) {
        ContainerInstanceEntity row = s.instance();
        return InstanceFacts.of(row.id, row.allAttributes(), row.agentConnected, row.agentVersion, row.registeredAt,
                (int) s.runningTasksCount(), s.taskGroups());
    }

    public Uni<InstanceSummary> describe(String cluster, String instance) {
        String id = Arns.lastSegment(instance);
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> instances.findById(id))
                .map(row -> row != null && row.cluster.equals(cluster) ? row : null)
                .onItem().ifNull().failWith(() -> ServiceException.containerInstanceNotFound(cluster, id))
                .flatMap(row -> tasks.listHoldingResources(cluster).map(held -> summarize(row, held))));
    }

    private static InstanceSummary summarize(ContainerInstanceEntity row, List<TaskEntity> heldInCluster) {
        List<TaskEntity> mine = heldInCluster.stream().filter(t -> row.id.equals(t.containerInstanceId)).toList();
        List<Allocation> allocations = mine.stream().map(t -> JsonColumns.allocation(t.allocation))
                .filter(a -> a != null).toList();
        long running = mine.stream().filter(t -> "RUNNING".equals(t.lastStatus)).count();
        long pending = mine.stream().filter(t -> "PENDING".equals(t.lastStatus) || "ACTIVATING".equals(t.lastStatus))
                .count();
        Set<String> groups = mine.stream().map(t -> t.groupName).filter(g -> g != null)
                .collect(Collectors.toSet());
        return new InstanceSummary(row, InstanceCapacity.registered(row.resources()),
                InstanceCapacity.remaining(row.resources(), allocations), running, pending, groups);
    }

    /**
     * Agents (re)registered: record each instance (ACTIVE, connected; a DRAINING one stays DRAINING)
     * and publish its state, in order, in one transaction (a fleet of thousands of hosts registers
     * at once); the instances are locked together, in id order. A registration for a cluster that
     * does not exist is logged and dropped.
     *
     * @return how many registrations were recorded
     */
    public Uni<Integer> registerAll(List<InstanceEvent.Registered> events) {
        Instant now = clock.instant();
        List<String> clusterNames = events.stream().map(InstanceEvent::cluster).distinct().sorted().toList();
        List<String> ids = events.stream().map(InstanceEvent::containerInstanceId).distinct().sorted().toList();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(clusterNames)
                        .onItem().transformToUniAndConcatenate(name -> clusters.findActiveForUpdate(name,
                                LockModeType.PESSIMISTIC_READ).map(cluster -> cluster == null ? "" : name))
                        .filter(name -> !name.isEmpty())
                        .collect().asSet()
                        .flatMap(active -> instances.lockByIds(ids).flatMap(rows -> {
                            Map<String, ContainerInstanceEntity> byId = new HashMap<>();
                            rows.forEach(row -> byId.put(row.id, row));
                            return Multi.createFrom().iterable(events)
                                    .onItem().transformToUniAndConcatenate(event -> {
                                        if (!active.contains(event.cluster())) {
                                            LOG.warnf("container instance %s registered for unknown cluster %s; ignored",
                                                    event.containerInstanceId(), event.cluster());
                                            return Uni.createFrom().item(false);
                                        }
                                        return upsert(byId.get(event.containerInstanceId()), event, now)
                                                .invoke(row -> byId.put(row.id, row)).replaceWith(true);
                                    })
                                    .collect().with(Collectors.summingInt(recorded -> recorded ? 1 : 0));
                        })))
                .invoke(recorded -> {
                    if (recorded > 0) {
                        relay.trigger();
                    }
                });
    }

    private Uni<ContainerInstanceEntity> upsert(ContainerInstanceEntity existing, InstanceEvent.Registered event,
                                                Instant now) {
        ContainerInstanceEntity row = existing == null ? new ContainerInstanceEntity() : existing;
        if (existing == null) {
            row.id = event.containerInstanceId();
            row.registeredAt = now;
            row.customAttributes = "{}";
        }
        if (existing == null || !InstanceStatus.DRAINING.name().equals(row.status)) {
            row.status = InstanceStatus.ACTIVE.name();
        }
        row.cluster = event.cluster();
        row.agentConnected = true;
        row.hostname = event.hostname();
        row.bindIp = event.bindIp();
        row.agentVersion = event.agentVersion();
        row.cpu = event.resources().cpu();
        row.memory = event.resources().memory();
        row.reservedPorts = JsonColumns.write(event.resources().reservedPorts() == null
                ? List.of() : event.resources().reservedPorts());
        row.ephemeralPortFrom = event.resources().ephemeralPortFrom();
        row.ephemeralPortTo = event.resources().ephemeralPortTo();
        // Sorted, so that the same attributes always make the same JSON. Custom ones stay as they are.
        row.attributes = JsonColumns.write(event.attributes() == null ? Map.of() : new TreeMap<>(event.attributes()));
        row.capacityProviderName = event.capacityProviderName();
        row.lastHeartbeatAt = now;
        row.updatedAt = now;
        Uni<Void> saved = existing == null ? instances.persist(row).replaceWithVoid() : Uni.createFrom().voidItem();
        return saved.flatMap(v -> publishState(row)).replaceWith(row);
    }

    /**
     * Agents are alive: one statement records the heartbeats of a cluster's connected instances,
     * and an instance that had been given up on is connected again (its state republished).
     * Heartbeats of unknown or INACTIVE instances are ignored.
     *
     * @return how many instances were connected again
     */
    public Uni<Integer> heartbeats(String cluster, Collection<String> instanceIds) {
        Instant now = clock.instant();
        List<String> ids = instanceIds.stream().distinct().sorted().toList();
        return Panache.withTransaction(() -> instances.touchConnected(cluster, ids, now)
                        .flatMap(touched -> instances.lockDisconnected(cluster, ids))
                        .flatMap(rows -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(row -> {
                                    row.lastHeartbeatAt = now;
                                    row.agentConnected = true;
                                    row.updatedAt = now;
                                    LOG.infof("container instance %s/%s: agent connected again", row.cluster, row.id);
                                    return publishState(row);
                                })
                                .collect().asList()
                                .map(List::size)))
                .invoke(reconnected -> {
                    if (reconnected > 0) {
                        relay.trigger();
                    }
                });
    }

    /** Marks agentConnected=false on instances not heard from within the heartbeat timeout. */
    public Uni<Integer> disconnectSilent() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.instances().heartbeatTimeout());
        return Panache.withTransaction(() -> instances.listSilentSince(cutoff)
                        .flatMap(rows -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(row -> {
                                    row.agentConnected = false;
                                    row.updatedAt = now;
                                    LOG.infof("container instance %s/%s: no heartbeat since %s; agent disconnected",
                                            row.cluster, row.id, row.lastHeartbeatAt);
                                    return publishState(row);
                                })
                                .collect().asList()
                                .map(List::size)))
                .invoke(count -> {
                    if (count > 0) {
                        relay.trigger();
                    }
                });
    }

    /**
     * UpdateContainerInstancesState for one instance ({@code instance} is an id or an ARN): ACTIVE or
     * DRAINING. The new status and the instance's state are written in one transaction, so the
     * scheduler, which places only on ACTIVE instances, hears of it. Asking for the status the instance
     * already has changes and publishes nothing. Tasks already on the instance are left alone.
     */
    public Uni<InstanceSummary> updateState(String cluster, String instance, InstanceStatus status) {
        if (status != InstanceStatus.ACTIVE && status != InstanceStatus.DRAINING) {
            throw new IllegalArgumentException("only ACTIVE or DRAINING can be requested, not " + status);
        }
        String id = Arns.lastSegment(instance);
        Instant now = clock.instant();
        boolean[] changed = {false};
        return Panache.withTransaction(() -> clusters.findById(cluster)
                        .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                        .flatMap(c -> instances.findById(id, LockModeType.PESSIMISTIC_WRITE))
                        .map(row -> row != null && row.cluster.equals(cluster) ? row : null)
                        .onItem().ifNull().failWith(() -> ServiceException.containerInstanceNotFound(cluster, id))
                        .flatMap(row -> {
                            if (status.name().equals(row.status)) {
                                return Uni.createFrom().item(row);
                            }
                            if (!InstanceStatus.ACTIVE.name().equals(row.status)
                                    && !InstanceStatus.DRAINING.name().equals(row.status)) {
                                return Uni.createFrom().failure(InvalidRequestException.of(
                                        InvalidRequestException.INVALID_PARAMETER, "containerInstance",
                                        "container instance " + id + " is " + row.status
                                                + "; only ACTIVE or DRAINING instances can change state"));
                            }
                            LOG.infof("container instance %s/%s: %s -> %s", cluster, id, row.status, status);
                            row.status = status.name();
                            row.updatedAt = now;
                            changed[0] = true;
                            return publishState(row).replaceWith(row);
                        })
                        .flatMap(row -> tasks.listHoldingResources(cluster).map(held -> summarize(row, held))))
                .invoke(summary -> {
                    if (changed[0]) {
                        relay.trigger();
                    }
                });
    }

    /**
     * Deregisters the instance (cluster auto scaling terminated its host): INACTIVE, its agent gone, the
     * state published so the scheduler forgets it. Deregistering an INACTIVE or unknown instance
     * changes nothing.
     *
     * @return whether it changed
     */
    public Uni<Boolean> deregister(String cluster, String instanceId, String reason) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> instances.findById(instanceId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(row -> {
                            if (row == null || !row.cluster.equals(cluster)
                                    || InstanceStatus.INACTIVE.name().equals(row.status)) {
                                return Uni.createFrom().item(false);
                            }
                            LOG.infof("container instance %s/%s: %s -> INACTIVE (%s)", cluster, instanceId, row.status,
                                    reason);
                            row.status = InstanceStatus.INACTIVE.name();
                            row.agentConnected = false;
                            row.updatedAt = now;
                            return publishState(row).replaceWith(true);
                        }))
                .invoke(changed -> {
                    if (changed) {
                        relay.trigger();
                    }
                });
    }

    /**
     * PutAttributes: sets custom attributes on container instances of the cluster and republishes
     * their state, so that the scheduler places by them. All or nothing: an unknown target changes
     * nothing.
     */
    public Uni<List<ValidAttribute>> putAttributes(String cluster, List<ValidAttribute> attributes) {
        return changeAttributes(cluster, attributes, (custom, a) -> custom.put(a.name(), a.value()));
    }

    /** DeleteAttributes: removes custom attributes by name (absent ones are no error). */
    public Uni<List<ValidAttribute>> deleteAttributes(String cluster, List<ValidAttribute> attributes) {
        return changeAttributes(cluster, attributes, (custom, a) -> custom.remove(a.name()));
    }

    private Uni<List<ValidAttribute>> changeAttributes(String cluster, List<ValidAttribute> attributes,
                                                      BiConsumer<Map<String, String>, ValidAttribute> change) {
        Instant now = clock.instant();
        List<String> ids = attributes.stream().map(ValidAttribute::instanceId).distinct().toList();
        return Panache.withTransaction(() -> clusters.findById(cluster)
                        .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                        .flatMap(c -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id ->
                                        instances.findById(id, LockModeType.PESSIMISTIC_WRITE))
                                .collect().asList())
                        .flatMap(rows -> {
                            Map<String, ContainerInstanceEntity> byId = new HashMap<>();
                            rows.stream().filter(r -> r != null && r.cluster.equals(cluster))
                                    .forEach(r -> byId.put(r.id, r));
                            for (int i = 0; i < attributes.size(); i++) {
                                if (!byId.containsKey(attributes.get(i).instanceId())) {
                                    return Uni.createFrom().failure(new ServiceException(400,
                                            "TargetNotFoundException", "attributes[" + i + "].targetId: container "
                                            + "instance " + attributes.get(i).instanceId() + " not found in cluster "
                                            + cluster));
                                }
                            }
                            for (ContainerInstanceEntity row : byId.values()) {
                                Map<String, String> custom = new TreeMap<>(JsonColumns.attributes(row.customAttributes));
                                attributes.stream().filter(a -> a.instanceId().equals(row.id))
                                        .forEach(a -> change.accept(custom, a));
                                row.customAttributes = JsonColumns.write(custom);
                                row.updatedAt = now;
                            }
                            return Multi.createFrom().iterable(byId.values())
                                    .onItem().transformToUniAndConcatenate(this::publishState)
                                    .collect().asList()
                                    .replaceWith(attributes);
                        }))
                .invoke(relay::trigger);
    }

    /** The instance's state for the scheduler, and "ECS Container Instance State Change" on the default bus. */
    private Uni<Void> publishState(ContainerInstanceEntity row) {
        return outbox.enqueue(Topics.INSTANCE_STATE, MessageKeys.of(row.cluster, row.id), stateOf(row))
                .flatMap(v -> builtInEvents.publish(BuiltInEvents.instanceStateChange(row, clock.instant())));
    }

    static InstanceState stateOf(ContainerInstanceEntity row) {
        return new InstanceState(row.cluster, row.id, InstanceStatus.valueOf(row.status), row.agentConnected,
                row.bindIp, row.agentVersion, row.resources(), row.allAttributes(), row.registeredAt,
                row.capacityProviderName);
    }

}
