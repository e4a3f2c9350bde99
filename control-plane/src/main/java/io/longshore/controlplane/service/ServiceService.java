package io.longshore.controlplane.service;

import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.RegistryCredential;
import io.longshore.controlplane.domain.CreateService;
import io.longshore.controlplane.domain.RegistryCredentialIssuer;
import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.domain.ServiceArns;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.domain.UpdateService;
import io.longshore.controlplane.messaging.Outbox;
import io.longshore.outbox.OutboxRelay;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.ServiceEntity;
import io.longshore.controlplane.store.ServiceEventRepository;
import io.longshore.controlplane.store.ServiceRepository;
import io.longshore.controlplane.store.TaskDefinitionEntity;
import io.longshore.controlplane.validation.CapacityProviderRules;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.ServiceRules;
import io.longshore.controlplane.validation.ValidCreateService;
import io.longshore.controlplane.validation.ValidServiceUpdate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * ECS services: CreateService, ListServices, DescribeServices, UpdateService, DeleteService, each
 * change written with its {@link io.longshore.common.messaging.ServiceSpec} in the outbox in one
 * transaction; and the scheduler's service status reports and events.
 */
@ApplicationScoped
public class ServiceService {
    private static final Logger LOG = Logger.getLogger(ServiceService.class);
    /** DescribeServices shows a service's newest events, as ECS does; older ones are not kept. */
    public static final int EVENTS_SHOWN = 100;
    private static final String UNIQUE_VIOLATION = "23505";

    private final ClusterRepository clusters;
    private final ServiceRepository services;
    private final ServiceEventRepository events;
    private final TaskDefinitionService definitions;
    private final Outbox outbox;
    private final BuiltInEventPublisher builtInEvents;
    private final OutboxRelay relay;
    private final RegistryCredentialIssuer credentials;
    private final ScalingTargetPublisher scalingTargets;
    private final Clock clock;

    public ServiceService(ClusterRepository clusters, ServiceRepository services, ServiceEventRepository events,
                          TaskDefinitionService definitions, Outbox outbox, OutboxRelay relay,
                          RegistryCredentialIssuer credentials, ScalingTargetPublisher scalingTargets,
                          BuiltInEventPublisher builtInEvents, Clock clock) {
        this.clusters = clusters;
        this.services = services;
        this.events = events;
        this.definitions = definitions;
        this.outbox = outbox;
        this.builtInEvents = builtInEvents;
        this.relay = relay;
        this.credentials = credentials;
        this.scalingTargets = scalingTargets;
        this.clock = clock;
    }

    /**
     * Creates the service (or takes the name of an INACTIVE one) and publishes its first spec. Two
     * concurrent creates of one name: the second fails on the primary key and is told so as ECS does.
     */
    public Uni<ServiceSummary> create(String cluster, CreateService request) {
        ValidCreateService valid = ServiceRules.validate(request);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> clusters.findActiveForUpdate(cluster, LockModeType.PESSIMISTIC_READ)
                        .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                        .flatMap(c -> {
                            // A DAEMON service runs on every instance: no cluster default applies to it.
                            List<CapacityProviderStrategyItem> providers = Service.DAEMON.equals(
                                    valid.schedulingStrategy()) ? List.of()
                                    : CapacityProviderRules.resolveStrategy(cluster, c.capacityProviderNames(),
                                    c.defaultStrategy(), valid.capacityProviderStrategy(), valid.launchType());
                            return resolve(valid.taskDefinition()).map(definition -> Map.entry(definition, providers));
                        })
                        .flatMap(resolved -> {
                            TaskDefinition definition = resolved.getKey();
                            requireActive(definition);
                            ServiceRules.checkAgainst(valid.placementConstraints(), definition);
                            return services.findInCluster(cluster, valid.serviceName(), LockModeType.PESSIMISTIC_WRITE)
                                    .flatMap(existing -> {
                                        if (existing != null && !ServiceRules.mayCreateOver(existing.toDomain())) {
                                            return Uni.createFrom().failure(ServiceException.serviceNotIdempotent());
                                        }
                                        Service service = Service.create(cluster, valid.serviceName(),
                                                valid.schedulingStrategy(), definition.arn(), valid.desiredCount(),
                                                valid.placementConstraints(), valid.placementStrategy(),
                                                valid.deploymentConfiguration(),
                                                valid.healthCheckGracePeriodSeconds(), resolved.getValue(),
                                                newDeploymentId(), now);
                                        ServiceEntity row = existing == null ? new ServiceEntity() : existing;
                                        row.set(service);
                                        Uni<Void> saved = existing == null
                                                ? services.persist(row).replaceWithVoid()
                                                : Uni.createFrom().voidItem();
                                        // A new service starts with an empty event log, whatever its name had before.
                                        return saved
                                                .flatMap(v -> events.deleteForService(cluster, valid.serviceName()))
                                                .flatMap(v -> publish(row, service, definition))
                                                .replaceWith(service);
                                    });
                        }))
                .onFailure(ServiceService::isUniqueViolation).transform(e -> ServiceException.serviceNotIdempotent())
                .invoke(relay::trigger)
                .invoke(s -> LOG.infof("service %s/%s created: %s, %s", cluster, s.serviceName(),
                        s.schedulingStrategy(), s.taskDefinitionArn()))
                .map(s -> new ServiceSummary(s, List.of()));
    }

    /** ListServices: the ARNs of the ACTIVE and DRAINING services, optionally of one scheduling strategy. */
    public Uni<List<String>> listArns(String cluster, String schedulingStrategy) {
        String strategy = schedulingStrategy == null || schedulingStrategy.isBlank() ? null : schedulingStrategy;
        if (strategy != null && !Service.REPLICA.equals(strategy) && !Service.DAEMON.equals(strategy)) {
            throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, "schedulingStrategy",
                    "must be REPLICA or DAEMON");
        }
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> services.listLive(cluster, strategy))
                .map(rows -> rows.stream().map(r -> ServiceArns.of(r.cluster, r.name)).toList()));
    }

    /** DescribeServices for one service, by name or ARN; INACTIVE ones too, as ECS shows them. */
    public Uni<ServiceSummary> describe(String cluster, String service) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> find(cluster, name, LockModeType.NONE)
                .flatMap(row -> summarize(row.toDomain())));
    }

    /**
     * UpdateService: changes what the request names and publishes the spec again. A new task
     * definition or forceNewDeployment starts a new deployment; anything else keeps the current one.
     */
    public Uni<ServiceSummary> update(String cluster, String service, UpdateService request) {
        ValidServiceUpdate valid = ServiceRules.validate(request);
        String name = ServiceArns.name(service);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> find(cluster, name, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(row -> applyUpdate(row, valid, now))
                        .flatMap(this::summarize))
                .invoke(relay::trigger);
    }

    /**
     * Sets the desired count of an ACTIVE REPLICA service the way UpdateService {@code {desiredCount}}
     * does (the spec published again, same deployment), inside the caller's transaction; the caller
     * triggers the relay once it commits. Auto scaling changes desired counts through here.
     */
    public Uni<Service> changeDesiredCount(String cluster, String serviceName, int desiredCount) {
        ValidServiceUpdate valid = ServiceRules.validate(
                new UpdateService(desiredCount, null, null, null, null, null, null));
        Instant now = clock.instant();
        return find(cluster, serviceName, LockModeType.PESSIMISTIC_WRITE).flatMap(row -> applyUpdate(row, valid, now));
    }

    /** UpdateService on the locked row: the rules that need the service, then the change and its spec. */
    private Uni<Service> applyUpdate(ServiceEntity row, ValidServiceUpdate valid, Instant now) {
        Service current = row.toDomain();
        if (!current.isActive()) {
            return Uni.createFrom().failure(ServiceException.serviceNotActive(current.serviceName(), current.status()));
        }
        DeploymentConfiguration configuration = ServiceRules.checkUpdate(current, valid);
        TaskDefinitionReference reference = valid.taskDefinition() != null
                ? valid.taskDefinition() : reference(current.taskDefinitionArn());
        return checkProviders(current.cluster(), valid.capacityProviderStrategy())
                .flatMap(ignored -> resolve(reference))
                .flatMap(definition -> {
                    if (valid.taskDefinition() != null) {
                        requireActive(definition);
                    }
                    Service next = current.update(definition.arn(), valid.desiredCount(),
                            valid.forceNewDeployment(), valid.placementConstraints(),
                            valid.placementStrategy(), configuration, valid.healthCheckGracePeriodSeconds(),
                            valid.capacityProviderStrategy(), newDeploymentId(), now);
                    ServiceRules.checkAgainst(next.placementConstraints(), definition);
                    row.set(next);
                    return publish(row, next, definition).replaceWith(next);
                });
    }

    /**
     * An UpdateService's strategy must name the cluster's providers; the cluster is share-locked so that
     * PutClusterCapacityProviders cannot take one away meanwhile. Nothing to check without one.
     */
    private Uni<Void> checkProviders(String cluster, List<CapacityProviderStrategyItem> strategy) {
        if (strategy == null || strategy.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return clusters.findById(cluster, LockModeType.PESSIMISTIC_READ)
                .invoke(c -> CapacityProviderRules.checkAssociated("capacityProviderStrategy", strategy, cluster,
                        c.capacityProviderNames()))
                .replaceWithVoid();
    }

    /**
     * DeleteService: the service becomes DRAINING with a desired count of 0 and the scheduler stops its
     * tasks; once it reports none left, the service is INACTIVE. Refused for a REPLICA service scaled
     * above 0 unless forced. Deleting a service already DRAINING or INACTIVE changes nothing.
     */
    public Uni<ServiceSummary> delete(String cluster, String service, boolean force) {
        String name = ServiceArns.name(service);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> find(cluster, name, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(row -> {
                            Service current = row.toDomain();
                            if (!current.isActive()) {
                                return summarize(current);
                            }
                            if (!ServiceRules.mayDelete(current, force)) {
                                return Uni.createFrom().failure(ServiceException.serviceScaledAboveZero());
                            }
                            Service next = current.drain(now);
                            row.set(next);
                            LOG.infof("service %s/%s deleted: DRAINING", cluster, name);
                            return resolve(reference(next.taskDefinitionArn()))
                                    .flatMap(definition -> publish(row, next, definition))
                                    // A service being deleted is no longer scaled.
                                    .flatMap(v -> scalingTargets.deregister(cluster, name))
                                    .flatMap(v -> summarize(next));
                        }))
                .invoke(relay::trigger);
    }

    /**
     * Applies the scheduler's service status: deployments, counts, and what follows from them (see
     * {@link Service#withStatus}). A report for an unknown service is dropped.
     *
     * @return whether anything changed
     */
    public Uni<Boolean> applyStatus(ServiceStatus report) {
        return Panache.withTransaction(() -> services.findInCluster(report.cluster(), report.serviceName(),
                        LockModeType.PESSIMISTIC_WRITE)
                .map(row -> {
                    if (row == null) {
                        LOG.debugf("status of unknown service %s/%s ignored", report.cluster(), report.serviceName());
                        return false;
                    }
                    Service current = row.toDomain();
                    Optional<Service> next = current.withStatus(report);
                    next.ifPresent(row::set);
                    next.filter(s -> !s.status().equals(current.status())).ifPresent(s ->
                            LOG.infof("service %s/%s: %s -> %s", s.cluster(), s.serviceName(), current.status(),
                                    s.status()));
                    return next.isPresent();
                }));
    }

    /**
     * Stores a service event unless one with its id is stored already, and keeps the service's
     * newest {@link #EVENTS_SHOWN}.
     *
     * @return whether it was new
     */
    public Uni<Boolean> recordEvent(ServiceEvent event) {
        Instant createdAt = event.createdAt() != null ? event.createdAt() : clock.instant();
        return Panache.withTransaction(() -> events.insertIfAbsent(event.id(), event.cluster(), event.serviceName(),
                                createdAt, event.message())
                        .flatMap(inserted -> inserted == 0
                                ? Uni.createFrom().item(false)
                                : events.keepNewest(event.cluster(), event.serviceName(), EVENTS_SHOWN)
                                .flatMap(n -> announce(event))
                                .replaceWith(true)))
                .invoke(announced -> {
                    if (announced) {
                        relay.trigger();
                    }
                });
    }

    /** The line as "ECS Service Action" on the default event bus, in the transaction that stored it. */
    private Uni<Void> announce(ServiceEvent event) {
        return builtInEvents.publish(BuiltInEvents.serviceAction(event, clock.instant()));
    }

    /** The service's row; 404 when the cluster or the service does not exist. */
    Uni<ServiceEntity> find(String cluster, String name, LockModeType lock) {
        return clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> services.findInCluster(cluster, name, lock))
                .onItem().ifNull().failWith(() -> ServiceException.serviceNotFound(cluster, name));
    }

    private Uni<ServiceSummary> summarize(Service service) {
        return events.newest(service.cluster(), service.serviceName(), EVENTS_SHOWN)
                .map(list -> new ServiceSummary(service, list));
    }

    /** A task definition the caller named (RunTask's rule: unknown is a 400), as a domain record. */
    private Uni<TaskDefinition> resolve(TaskDefinitionReference reference) {
        return definitions.find(reference, LockModeType.NONE)
                .onItem().ifNull().failWith(() -> ServiceException.taskDefinitionNotFound(400, reference.toString()))
                .map(TaskDefinitionEntity::toDomain);
    }

    private static TaskDefinitionReference reference(String taskDefinitionArn) {
        return TaskDefinitionReference.parse(taskDefinitionArn).orElseThrow(() ->
                new IllegalStateException("stored task definition ARN " + taskDefinitionArn + " does not parse"));
    }

    private static void requireActive(TaskDefinition definition) {
        if (!definition.isActive()) {
            throw InvalidRequestException.of(InvalidRequestException.CLIENT_EXCEPTION, "taskDefinition",
                    "task definition " + definition.familyRevision() + " is INACTIVE");
        }
    }

    /**
     * Publishes the spec again, same deploymentId, for every ACTIVE service whose task template's pull
     * credentials expire within half their validity: the tasks it starts from now on get fresh ones.
     * At most {@code limit} services per call, soonest expiry first.
     *
     * @return how many services were published again
     */
    public Uni<Integer> renewTemplateCredentials(int limit) {
        return Panache.withTransaction(() -> services.lockActiveWithCredentialsExpiringBefore(
                        credentials.renewBefore(), limit)
                        .flatMap(rows -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (ServiceEntity row : rows) {
                                Service service = row.toDomain();
                                chain = chain.flatMap(v -> resolve(reference(service.taskDefinitionArn()))
                                        .flatMap(definition -> publish(row, service, definition)));
                            }
                            return chain.replaceWith(rows.size());
                        }))
                .invoke(renewed -> {
                    if (renewed > 0) {
                        LOG.infof("renewed the registry credentials of %d service(s)", renewed);
                        relay.trigger();
                    }
                });
    }

    /**
     * Puts the service's spec in the outbox, its template with fresh pull credentials for the
     * definition's images, and records on the row when those expire.
     */
    private Uni<Void> publish(ServiceEntity row, Service service, TaskDefinition definition) {
        List<RegistryCredential> pull = Service.DRAINING.equals(service.status()) ? List.of()
                : credentials.issue(definition.arn(), definition.containerDefinitions());
        row.templateCredentialsExpireAt = RegistryCredentialIssuer.earliestExpiry(pull).orElse(null);
        return outbox.enqueue(Topics.SERVICE_SPECS, MessageKeys.of(service.cluster(), service.serviceName()),
                service.spec(definition, pull));
    }

    /** A deployment id: 16 hex characters ({@code ecs-svc/} is added where ECS shows it, in startedBy). */
    static String newDeploymentId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && UNIQUE_VIOLATION.equals(c.getSQLState())) {
                return true;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return false;
    }
}
