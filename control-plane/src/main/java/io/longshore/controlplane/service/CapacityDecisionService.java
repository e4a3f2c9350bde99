package io.longshore.controlplane.service;

import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.model.InstanceStatus;
import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.store.AutoScalingActivityRepository;
import io.longshore.controlplane.store.AutoScalingGroupRepository;
import io.longshore.controlplane.store.MetricDatapointRepository;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Carries out cluster scaling's decisions: a drain as UpdateContainerInstancesState DRAINING does it,
 * a deregistration (INACTIVE), and a group's status (its desired capacity and hosts, its activity
 * once, and the CapacityProviderReservation datapoint). Each is idempotent.
 */
@ApplicationScoped
public class CapacityDecisionService {
    private static final Logger LOG = Logger.getLogger(CapacityDecisionService.class);
    /** CloudWatch's namespace and metric of managed scaling, with dimensions ClusterName and CapacityProviderName. */
    public static final String RESERVATION_NAMESPACE = "AWS/ECS/ManagedScaling";
    public static final String RESERVATION_METRIC = "CapacityProviderReservation";
    public static final String CAPACITY_PROVIDER_DIMENSION = "CapacityProviderName";

    private final ContainerInstanceService instances;
    private final AutoScalingGroupRepository groups;
    private final AutoScalingActivityRepository activities;
    private final MetricDatapointRepository datapoints;
    private final Clock clock;

    public CapacityDecisionService(ContainerInstanceService instances, AutoScalingGroupRepository groups,
                                   AutoScalingActivityRepository activities, MetricDatapointRepository datapoints,
                                   Clock clock) {
        this.instances = instances;
        this.groups = groups;
        this.activities = activities;
        this.datapoints = datapoints;
        this.clock = clock;
    }

    public Uni<Void> apply(CapacityDecision decision) {
        if (decision instanceof CapacityDecision.DrainInstance drain) {
            return drain(drain);
        }
        if (decision instanceof CapacityDecision.DeregisterInstance deregister) {
            return instances.deregister(deregister.cluster(), deregister.containerInstanceId(), deregister.reason())
                    .replaceWithVoid();
        }
        return groupStatus((CapacityDecision.GroupStatus) decision);
    }

    /** DRAINING, published, exactly as UpdateContainerInstancesState; an unknown or INACTIVE instance is skipped. */
    private Uni<Void> drain(CapacityDecision.DrainInstance drain) {
        return instances.updateState(drain.cluster(), drain.containerInstanceId(), InstanceStatus.DRAINING)
                .invoke(s -> LOG.infof("container instance %s/%s drained for scale-in of %s: %s", drain.cluster(),
                        drain.containerInstanceId(), drain.capacityProviderName(), drain.reason()))
                .replaceWithVoid()
                // The user's own mistakes answered as 4xx elsewhere are, here, a decision about nothing left to drain.
                .onFailure(e -> e instanceof ServiceException || e instanceof InvalidRequestException)
                .recoverWithUni(e -> {
                    LOG.warnf("drain of %s/%s skipped: %s", drain.cluster(), drain.containerInstanceId(),
                            e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The group's desired capacity and hosts (unless an as new status was applied already), its
     * activity once per id, and the reservation as one datapoint per status (keyed by its second, so
     * the same status again replaces it). A status of a group that does not exist is dropped.
     */
    private Uni<Void> groupStatus(CapacityDecision.GroupStatus status) {
        Instant at = status.at() != null ? status.at() : clock.instant();
        return Panache.withTransaction(() -> groups.findById(status.autoScalingGroupName(),
                LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
                    if (row == null) {
                        LOG.debugf("status of unknown auto scaling group %s ignored", status.autoScalingGroupName());
                        return Uni.createFrom().voidItem();
                    }
                    AutoScalingGroup current = row.toDomain();
                    current.withStatus(status).ifPresent(row::set);
                    Uni<Integer> activity = status.activity() == null ? Uni.createFrom().item(0)
                            : activities.insertIfAbsent(status.activity().activityId(), current.name(),
                            status.cluster(), status.capacityProviderName(), status.activity().description(),
                            status.activity().cause(), at);
                    return activity
                            .invoke(n -> {
                                if (n > 0) {
                                    LOG.infof("auto scaling group %s: %s (%s)", current.name(),
                                            status.activity().description(), status.activity().cause());
                                }
                            })
                            .flatMap(n -> datapoints.upsert(reservation(status, at)))
                            .replaceWithVoid();
                }));
    }

    /** One second's CapacityProviderReservation of the provider in the cluster, as one sample. */
    static MetricDatapoint reservation(CapacityDecision.GroupStatus status, Instant at) {
        double r = status.reservation();
        return new MetricDatapoint(status.cluster(), MetricService.NO_SERVICE, RESERVATION_NAMESPACE,
                RESERVATION_METRIC, Map.of(CAPACITY_PROVIDER_DIMENSION, status.capacityProviderName()),
                at.truncatedTo(ChronoUnit.SECONDS), 1, r, r, r, r, 1, "Percent");
    }
}
