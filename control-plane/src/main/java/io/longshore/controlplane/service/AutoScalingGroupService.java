package io.longshore.controlplane.service;

import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.domain.CapacityProviderArns;
import io.longshore.controlplane.domain.CreateAutoScalingGroup;
import io.longshore.controlplane.domain.UpdateAutoScalingGroup;
import io.longshore.controlplane.store.AutoScalingActivityEntity;
import io.longshore.controlplane.store.AutoScalingActivityRepository;
import io.longshore.controlplane.store.AutoScalingGroupEntity;
import io.longshore.controlplane.store.AutoScalingGroupRepository;
import io.longshore.controlplane.store.CapacityProviderRepository;
import io.longshore.controlplane.validation.CapacityProviderRules;
import io.longshore.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Auto scaling groups: Create, Describe, Update and DeleteAutoScalingGroup, and the group's scaling
 * activities. A change to a group a capacity provider uses publishes the provider's spec again, in
 * the same transaction. Locks: the group, then its provider (the order every change takes them in).
 */
@ApplicationScoped
public class AutoScalingGroupService {
    private static final Logger LOG = Logger.getLogger(AutoScalingGroupService.class);
    /** The most activities a group's activity list shows, newest first. */
    public static final int ACTIVITIES_SHOWN = 100;

    private final AutoScalingGroupRepository groups;
    private final CapacityProviderRepository providers;
    private final AutoScalingActivityRepository activities;
    private final CapacityProviderPublisher publisher;
    private final OutboxRelay relay;
    private final Clock clock;

    public AutoScalingGroupService(AutoScalingGroupRepository groups, CapacityProviderRepository providers,
                                   AutoScalingActivityRepository activities, CapacityProviderPublisher publisher,
                                   OutboxRelay relay, Clock clock) {
        this.groups = groups;
        this.providers = providers;
        this.activities = activities;
        this.publisher = publisher;
        this.relay = relay;
        this.clock = clock;
    }

    /** CreateAutoScalingGroup; a name taken already is a 409 (two concurrent creates: the second fails on the key). */
    public Uni<AutoScalingGroup> create(CreateAutoScalingGroup request) {
        CreateAutoScalingGroup valid = CapacityProviderRules.validate(request);
        Instant now = clock.instant();
        String name = valid.autoScalingGroupName();
        return Panache.withTransaction(() -> groups.findById(name).flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ServiceException.autoScalingGroupExists(name));
                    }
                    AutoScalingGroup group = AutoScalingGroup.create(valid, CapacityProviderArns.newAutoScalingGroup(name),
                            now);
                    return groups.persist(new AutoScalingGroupEntity().set(group)).replaceWith(group);
                }))
                .onFailure(ServiceService::isUniqueViolation).transform(e -> ServiceException.autoScalingGroupExists(name))
                .invoke(g -> LOG.infof("auto scaling group %s created: %d..%d, desired %d", g.name(), g.minSize(),
                        g.maxSize(), g.desiredCapacity()));
    }

    public Uni<List<AutoScalingGroup>> list() {
        return Panache.withSession(() -> groups.listAll()
                .map(rows -> rows.stream().map(AutoScalingGroupEntity::toDomain).toList()));
    }

    public Uni<AutoScalingGroup> describe(String name) {
        return Panache.withSession(() -> require(name, LockModeType.NONE)).map(AutoScalingGroupEntity::toDomain);
    }

    /** UpdateAutoScalingGroup: new sizes, and the provider that uses the group (if any) published again. */
    public Uni<AutoScalingGroup> update(String name, UpdateAutoScalingGroup request) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> require(name, LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
                    AutoScalingGroup current = row.toDomain();
                    CapacityProviderRules.Sizes sizes = CapacityProviderRules.validate(current, request);
                    AutoScalingGroup next = current.resized(sizes.minSize(), sizes.maxSize(),
                            sizes.desiredCapacity(), now);
                    row.set(next);
                    return providers.findActiveForGroup(name, LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(provider -> provider == null ? Uni.createFrom().voidItem()
                                    : publisher.publish(provider.toDomain(), next))
                            .replaceWith(next);
                }))
                .invoke(relay::trigger)
                .invoke(g -> LOG.infof("auto scaling group %s updated: %d..%d, desired %d", g.name(), g.minSize(),
                        g.maxSize(), g.desiredCapacity()));
    }

    /** DeleteAutoScalingGroup, with its activities; refused while a capacity provider uses the group. */
    public Uni<Void> delete(String name) {
        return Panache.withTransaction(() -> require(name, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(row -> providers.findActiveForGroup(name, LockModeType.NONE).flatMap(provider -> {
                    if (provider != null) {
                        return Uni.createFrom().failure(ServiceException.resourceInUse("autoScalingGroupName",
                                "auto scaling group " + name + " is used by capacity provider " + provider.name
                                        + "; delete the capacity provider first"));
                    }
                    return activities.delete("autoScalingGroupName = ?1", name)
                            .flatMap(n -> groups.delete(row))
                            .invoke(() -> LOG.infof("auto scaling group %s deleted", name));
                })));
    }

    /** The group's scaling activities, newest first. */
    public Uni<List<AutoScalingActivityEntity>> activities(String name) {
        return Panache.withSession(() -> require(name, LockModeType.NONE)
                .flatMap(row -> activities.newest(name, ACTIVITIES_SHOWN)));
    }

    private Uni<AutoScalingGroupEntity> require(String name, LockModeType lock) {
        return groups.findById(name, lock).onItem().ifNull().failWith(() -> ServiceException.autoScalingGroupNotFound(name));
    }
}
