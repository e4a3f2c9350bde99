package io.longshore.controlplane.service;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.controlplane.domain.ScalingDecisionPlan;
import io.longshore.controlplane.store.ScalableTargetEntity;
import io.longshore.controlplane.store.ScalableTargetRepository;
import io.longshore.controlplane.store.ScalingActivityEntity;
import io.longshore.controlplane.store.ScalingActivityRepository;
import io.longshore.controlplane.store.ServiceEntity;
import io.longshore.controlplane.store.ServiceRepository;
import io.longshore.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Carries out the autoscaler's decisions ({@link ScalingDecisionPlan} says what each does), each in
 * one transaction with the scaling activity that records it, once per activity id.
 */
@ApplicationScoped
public class ScalingDecisionService {
    private static final Logger LOG = Logger.getLogger(ScalingDecisionService.class);

    private final ServiceRepository serviceRows;
    private final ServiceService services;
    private final ScalableTargetRepository targets;
    private final ScalingActivityRepository activities;
    private final ScalingTargetPublisher publisher;
    private final OutboxRelay relay;
    private final Clock clock;

    public ScalingDecisionService(ServiceRepository serviceRows, ServiceService services,
                                  ScalableTargetRepository targets, ScalingActivityRepository activities,
                                  ScalingTargetPublisher publisher, OutboxRelay relay, Clock clock) {
        this.serviceRows = serviceRows;
        this.services = services;
        this.targets = targets;
        this.activities = activities;
        this.publisher = publisher;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Applies the decision unless its activity is recorded already. A decision for a target that is
     * gone or a service that is not ACTIVE is recorded as a Failed activity and changes nothing.
     *
     * @return whether it was new
     */
    public Uni<Boolean> apply(ScalingDecision decision) {
        return Panache.withTransaction(() -> activities.findById(decision.activityId()).flatMap(recorded -> {
                    if (recorded != null) {
                        LOG.debugf("scaling decision %s applied already", decision.activityId());
                        return Uni.createFrom().item(false);
                    }
                    // Service first, then target: the order every scaling change locks them in.
                    return serviceRows.findInCluster(decision.cluster(), decision.serviceName(),
                                    LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(serviceRow -> targets.findFor(decision.cluster(), decision.serviceName(),
                                            LockModeType.PESSIMISTIC_WRITE)
                                    .flatMap(targetRow -> carryOut(decision, serviceRow, targetRow)))
                            .replaceWith(true);
                }))
                // The same decision carried out concurrently elsewhere: that one counts, this one changed nothing.
                .onFailure(ServiceService::isUniqueViolation).recoverWithItem(false)
                .invoke(applied -> {
                    if (applied) {
                        relay.trigger();
                    }
                });
    }

    private Uni<Void> carryOut(ScalingDecision decision, ServiceEntity serviceRow, ScalableTargetEntity targetRow) {
        Instant now = clock.instant();
        ScalingDecisionPlan plan = ScalingDecisionPlan.of(decision, targetRow == null ? null : targetRow.toDomain(),
                serviceRow == null ? null : serviceRow.toDomain(), now);
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (plan.target() != null) {
            targetRow.set(plan.target());
            chain = chain.flatMap(v -> publisher.publish(plan.target()));
        }
        if (plan.desiredCount() != null) {
            chain = chain.flatMap(v -> services.changeDesiredCount(decision.cluster(), decision.serviceName(),
                    plan.desiredCount()).replaceWithVoid());
        }
        ScalingActivityEntity activity = ScalingActivityEntity.of(decision.activityId(), decision.cluster(),
                decision.serviceName(), plan.description(),
                decision.causeText() != null ? decision.causeText() : decision.cause() + " " + decision.source(),
                decision.decidedAt() != null ? decision.decidedAt() : now, now, plan.statusCode(), plan.statusMessage());
        return chain.flatMap(v -> activities.persist(activity))
                .invoke(() -> LOG.infof("scaling activity %s on %s: %s %s", decision.activityId(),
                        decision.resourceId(), plan.statusCode(), plan.description()))
                .replaceWithVoid();
    }
}
