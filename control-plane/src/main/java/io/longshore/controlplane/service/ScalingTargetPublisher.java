package io.longshore.controlplane.service;

import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.messaging.Topics;
import io.longshore.controlplane.domain.ScalableTarget;
import io.longshore.controlplane.messaging.Outbox;
import io.longshore.controlplane.store.ScalableTargetRepository;
import io.longshore.controlplane.store.ScalingPolicyRepository;
import io.longshore.controlplane.store.ScheduledActionEntity;
import io.longshore.controlplane.store.ScheduledActionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Tells the autoscaler about a scalable target: the whole {@link ScalingTarget} in the outbox, in the
 * caller's transaction, after every change; and the target's end when it is deregistered or its
 * service deleted. The caller triggers the relay once it commits.
 */
@ApplicationScoped
public class ScalingTargetPublisher {
    private static final Logger LOG = Logger.getLogger(ScalingTargetPublisher.class);

    private final ScalableTargetRepository targets;
    private final ScalingPolicyRepository policies;
    private final ScheduledActionRepository scheduledActions;
    private final Outbox outbox;
    private final Clock clock;

    public ScalingTargetPublisher(ScalableTargetRepository targets, ScalingPolicyRepository policies,
                                  ScheduledActionRepository scheduledActions, Outbox outbox, Clock clock) {
        this.targets = targets;
        this.policies = policies;
        this.scheduledActions = scheduledActions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Enqueues the target as it now stands, with its policies and scheduled actions. */
    public Uni<Void> publish(ScalableTarget target) {
        // Flush first: the lists below must see the policy or action the caller has just put or removed.
        return targets.flush()
                .flatMap(v -> policies.listFor(target.cluster(), target.serviceName()))
                .flatMap(policyRows -> scheduledActions.listFor(target.cluster(), target.serviceName())
                        .flatMap(actionRows -> {
                            ScalingTarget message = target.active(
                                    policyRows.stream().map(r -> r.toDomain().policy()).toList(),
                                    actionRows.stream().map(ScheduledActionEntity::toDomain).toList());
                            return outbox.enqueue(Topics.SCALING_TARGETS, message.key(), message);
                        }));
    }

    /**
     * Deletes the service's target with its policies and scheduled actions and enqueues it
     * DEREGISTERED.
     *
     * @return whether the service had a target
     */
    public Uni<Boolean> deregister(String cluster, String serviceName) {
        return targets.findFor(cluster, serviceName, LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().item(false);
            }
            ScalableTarget target = row.toDomain();
            ScalingTarget message = target.deregistered(clock.instant());
            return policies.deleteFor(cluster, serviceName)
                    .flatMap(n -> scheduledActions.deleteFor(cluster, serviceName))
                    .flatMap(n -> targets.delete(row))
                    .flatMap(v -> outbox.enqueue(Topics.SCALING_TARGETS, message.key(), message))
                    .invoke(() -> LOG.infof("scalable target %s deregistered", target.resourceId()))
                    .replaceWith(true);
        });
    }
}
