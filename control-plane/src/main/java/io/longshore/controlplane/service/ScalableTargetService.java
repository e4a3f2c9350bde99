package io.longshore.controlplane.service;

import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.controlplane.domain.PutScalingPolicy;
import io.longshore.controlplane.domain.PutScheduledAction;
import io.longshore.controlplane.domain.RegisterScalableTarget;
import io.longshore.controlplane.domain.ScalableTarget;
import io.longshore.controlplane.domain.ScalingArns;
import io.longshore.controlplane.domain.ScalingDecisionPlan;
import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.domain.ServiceArns;
import io.longshore.controlplane.domain.TargetPolicy;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.ScalableTargetEntity;
import io.longshore.controlplane.store.ScalableTargetRepository;
import io.longshore.controlplane.store.ScalingActivityEntity;
import io.longshore.controlplane.store.ScalingActivityRepository;
import io.longshore.controlplane.store.ScalingPolicyEntity;
import io.longshore.controlplane.store.ScalingPolicyRepository;
import io.longshore.controlplane.store.ScheduledActionEntity;
import io.longshore.controlplane.store.ScheduledActionRepository;
import io.longshore.outbox.OutboxRelay;
import io.longshore.scaling.ScalingRequestRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Application Auto Scaling for services: RegisterScalableTarget, DescribeScalableTargets,
 * DeregisterScalableTarget, Put/Describe/DeleteScalingPolicy, Put/Describe/DeleteScheduledAction
 * and DescribeScalingActivities. Every change publishes the whole target again, in its transaction.
 */
@ApplicationScoped
public class ScalableTargetService {
    private static final Logger LOG = Logger.getLogger(ScalableTargetService.class);
    /** Application Auto Scaling's quotas per scalable target. */
    static final int MAX_POLICIES = 50;
    static final int MAX_SCHEDULED_ACTIONS = 200;
    /** DescribeScalingActivities' MaxResults: default and most. */
    public static final int MAX_ACTIVITIES = 50;

    private final ClusterRepository clusters;
    private final ServiceService services;
    private final ScalableTargetRepository targets;
    private final ScalingPolicyRepository policies;
    private final ScheduledActionRepository scheduledActions;
    private final ScalingActivityRepository activities;
    private final ScalingTargetPublisher publisher;
    private final OutboxRelay relay;
    private final Clock clock;

    public ScalableTargetService(ClusterRepository clusters, ServiceService services, ScalableTargetRepository targets,
                                 ScalingPolicyRepository policies, ScheduledActionRepository scheduledActions,
                                 ScalingActivityRepository activities, ScalingTargetPublisher publisher,
                                 OutboxRelay relay, Clock clock) {
        this.clusters = clusters;
        this.services = services;
        this.targets = targets;
        this.policies = policies;
        this.scheduledActions = scheduledActions;
        this.activities = activities;
        this.publisher = publisher;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * RegisterScalableTarget: creates the target or changes what the request names, and brings the
     * service's desired count into [MinCapacity, MaxCapacity] the way UpdateService would (recorded
     * as a scaling activity).
     */
    public Uni<ScalableTarget> register(String cluster, String service, RegisterScalableTarget request) {
        ScalingRequestRules.checkCapacities(request.minCapacity(), request.maxCapacity());
        String name = ServiceArns.name(service);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> services.find(cluster, name, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(serviceRow -> {
                            Service current = serviceRow.toDomain();
                            requireScalable(current);
                            return targets.findFor(cluster, name, LockModeType.PESSIMISTIC_WRITE)
                                    .flatMap(existing -> {
                                        ScalableTarget target = existing == null
                                                ? ScalableTarget.register(cluster, name, request,
                                                ScalingArns.newScalableTarget(), now)
                                                : existing.toDomain().reregister(request, now);
                                        ScalableTargetEntity row = existing == null ? new ScalableTargetEntity() : existing;
                                        row.set(target);
                                        Uni<Void> saved = existing == null
                                                ? targets.persist(row).replaceWithVoid()
                                                : Uni.createFrom().voidItem();
                                        return saved.flatMap(v -> clamp(current, target, now))
                                                .flatMap(v -> publisher.publish(target))
                                                .replaceWith(target);
                                    });
                        }))
                .invoke(relay::trigger)
                .invoke(t -> LOG.infof("scalable target %s registered: %d..%d", t.resourceId(), t.minCapacity(),
                        t.maxCapacity()));
    }

    /** The desired count moved into the target's range, if it is outside, with the activity that says so. */
    private Uni<Void> clamp(Service service, ScalableTarget target, Instant now) {
        int to = target.clamp(service.desiredCount());
        if (to == service.desiredCount()) {
            return Uni.createFrom().voidItem();
        }
        String cause = "at " + now + " a user request registered the scalable target with MinCapacity "
                + target.minCapacity() + " and MaxCapacity " + target.maxCapacity()
                + ", changing the desired count from " + service.desiredCount() + " to " + to;
        ScalingActivityEntity activity = ScalingActivityEntity.of(UUID.randomUUID().toString(), target.cluster(),
                target.serviceName(), ScalingDecisionPlan.describe(to), cause, now, now,
                ScalingDecisionPlan.SUCCESSFUL, null);
        return services.changeDesiredCount(target.cluster(), target.serviceName(), to)
                .flatMap(s -> activities.persist(activity))
                .replaceWithVoid();
    }

    private static void requireScalable(Service service) {
        if (!service.isActive()) {
            throw ServiceException.serviceNotScalable(service.serviceName(),
                    "is " + service.status() + "; only an ACTIVE service can be scaled");
        }
        if (service.isDaemon()) {
            throw ServiceException.serviceNotScalable(service.serviceName(),
                    "uses the DAEMON scheduling strategy, which runs one task per instance and has no desired "
                            + "count to scale");
        }
    }

    /** DescribeScalableTargets for one service; 404 when it has none. */
    public Uni<ScalableTarget> describe(String cluster, String service) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> requireTarget(cluster, name, 404, LockModeType.NONE))
                .map(ScalableTargetEntity::toDomain);
    }

    /** DescribeScalableTargets of a cluster. */
    public Uni<List<ScalableTarget>> list(String cluster) {
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> targets.listInCluster(cluster))
                .map(rows -> rows.stream().map(ScalableTargetEntity::toDomain).toList()));
    }

    /** DeregisterScalableTarget: the target, its policies and scheduled actions go; the desired count stays. */
    public Uni<Void> deregister(String cluster, String service) {
        String name = ServiceArns.name(service);
        return Panache.withTransaction(() -> services.find(cluster, name, LockModeType.NONE)
                        .flatMap(row -> publisher.deregister(cluster, name))
                        .flatMap(found -> found ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(ServiceException.scalableTargetNotFound(404,
                                Metrics.resourceId(cluster, name)))))
                .invoke(relay::trigger);
    }

    /**
     * PutScalingPolicy: creates the policy or replaces the one of that name (keeping its ARN). Needs
     * a registered target (400 otherwise: the request refers to something that is not there).
     */
    public Uni<TargetPolicy> putPolicy(String cluster, String service, String policyName, PutScalingPolicy request) {
        ScalingPolicy requested = request.named(policyName);
        ScalingRequestRules.checkPolicy(requested);
        String name = ServiceArns.name(service);
        Instant now = clock.instant();
        return changeTarget(cluster, name, 400, now, target -> policies.findFor(cluster, name, policyName)
                .flatMap(existing -> {
                    Uni<Void> withinLimit = existing != null ? Uni.createFrom().voidItem()
                            : policies.countFor(cluster, name).flatMap(n -> n >= MAX_POLICIES
                            ? Uni.createFrom().failure(ServiceException.scalingLimitExceeded("PolicyName",
                            target.resourceId(), MAX_POLICIES, "scaling policies"))
                            : Uni.createFrom().voidItem());
                    TargetPolicy stored = TargetPolicy.put(target.resourceId(), requested,
                            existing == null ? null : existing.toDomain(), now);
                    ScalingPolicyEntity row = existing == null ? new ScalingPolicyEntity() : existing;
                    row.set(cluster, name, stored);
                    return withinLimit
                            .flatMap(v -> existing == null ? policies.persist(row).replaceWithVoid()
                                    : Uni.createFrom().voidItem())
                            .replaceWith(stored);
                }));
    }

    public Uni<TargetPolicy> describePolicy(String cluster, String service, String policyName) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> services.find(cluster, name, LockModeType.NONE)
                .flatMap(row -> policies.findFor(cluster, name, policyName))
                .onItem().ifNull().failWith(() -> ServiceException.scalingPolicyNotFound(
                        Metrics.resourceId(cluster, name), policyName))
                .map(ScalingPolicyEntity::toDomain));
    }

    /** DescribeScalingPolicies of one service (none when it has no target). */
    public Uni<List<TargetPolicy>> listPolicies(String cluster, String service) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> services.find(cluster, name, LockModeType.NONE)
                .flatMap(row -> policies.listFor(cluster, name))
                .map(rows -> rows.stream().map(ScalingPolicyEntity::toDomain).toList()));
    }

    public Uni<Void> deletePolicy(String cluster, String service, String policyName) {
        String name = ServiceArns.name(service);
        return changeTarget(cluster, name, 404, clock.instant(), target -> policies.findFor(cluster, name, policyName)
                .onItem().ifNull().failWith(() -> ServiceException.scalingPolicyNotFound(target.resourceId(), policyName))
                .flatMap(policies::delete))
                .replaceWithVoid();
    }

    /** PutScheduledAction: creates the action or replaces the one of that name (keeping its ARN and creation time). */
    public Uni<ScheduledAction> putScheduledAction(String cluster, String service, String actionName,
                                                   PutScheduledAction request) {
        Instant now = clock.instant();
        ScalingRequestRules.checkScheduledAction(request.named(actionName, null, now));
        String name = ServiceArns.name(service);
        return changeTarget(cluster, name, 400, now, target -> scheduledActions.findFor(cluster, name, actionName)
                .flatMap(existing -> {
                    Uni<Void> withinLimit = existing != null ? Uni.createFrom().voidItem()
                            : scheduledActions.countFor(cluster, name).flatMap(n -> n >= MAX_SCHEDULED_ACTIONS
                            ? Uni.createFrom().failure(ServiceException.scalingLimitExceeded("ScheduledActionName",
                            target.resourceId(), MAX_SCHEDULED_ACTIONS, "scheduled actions"))
                            : Uni.createFrom().voidItem());
                    ScheduledAction action = existing == null
                            ? request.named(actionName, ScalingArns.newScheduledAction(target.resourceId(), actionName), now)
                            : request.named(actionName, existing.arn, existing.creationTime);
                    ScheduledActionEntity row = existing == null ? new ScheduledActionEntity() : existing;
                    row.set(cluster, name, action);
                    return withinLimit
                            .flatMap(v -> existing == null ? scheduledActions.persist(row).replaceWithVoid()
                                    : Uni.createFrom().voidItem())
                            .replaceWith(action);
                }));
    }

    public Uni<ScheduledAction> describeScheduledAction(String cluster, String service, String actionName) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> services.find(cluster, name, LockModeType.NONE)
                .flatMap(row -> scheduledActions.findFor(cluster, name, actionName))
                .onItem().ifNull().failWith(() -> ServiceException.scheduledActionNotFound(
                        Metrics.resourceId(cluster, name), actionName))
                .map(ScheduledActionEntity::toDomain));
    }

    public Uni<List<ScheduledAction>> listScheduledActions(String cluster, String service) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> services.find(cluster, name, LockModeType.NONE)
                .flatMap(row -> scheduledActions.listFor(cluster, name))
                .map(rows -> rows.stream().map(ScheduledActionEntity::toDomain).toList()));
    }

    public Uni<Void> deleteScheduledAction(String cluster, String service, String actionName) {
        String name = ServiceArns.name(service);
        return changeTarget(cluster, name, 404, clock.instant(), target -> scheduledActions.findFor(cluster, name, actionName)
                .onItem().ifNull().failWith(() -> ServiceException.scheduledActionNotFound(target.resourceId(),
                        actionName))
                .flatMap(scheduledActions::delete))
                .replaceWithVoid();
    }

    /** DescribeScalingActivities: the service's newest first, at most {@code maxResults}. */
    public Uni<List<ScalingActivityEntity>> activities(String cluster, String service, int maxResults) {
        String name = ServiceArns.name(service);
        return Panache.withSession(() -> services.find(cluster, name, LockModeType.NONE)
                .flatMap(row -> activities.newest(cluster, name, maxResults)));
    }

    /**
     * A change to one of a target's policies or scheduled actions: in one transaction, with the target
     * locked so that concurrent changes publish in order, the change, then the whole target published.
     * 404 when the service does not exist; {@code noTargetStatus} when it has no target.
     */
    private <T> Uni<T> changeTarget(String cluster, String name, int noTargetStatus, Instant now,
                                    Function<ScalableTarget, Uni<T>> change) {
        return Panache.withTransaction(() -> requireTarget(cluster, name, noTargetStatus, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(row -> {
                            ScalableTarget target = row.toDomain().touched(now);
                            row.set(target);
                            return change.apply(target).flatMap(result -> publisher.publish(target).replaceWith(result));
                        }))
                .invoke(relay::trigger);
    }

    private Uni<ScalableTargetEntity> requireTarget(String cluster, String name, int status, LockModeType lock) {
        return services.find(cluster, name, LockModeType.NONE)
                .flatMap(service -> targets.findFor(cluster, name, lock))
                .onItem().ifNull().failWith(() -> ServiceException.scalableTargetNotFound(status,
                        Metrics.resourceId(cluster, name)));
    }
}
