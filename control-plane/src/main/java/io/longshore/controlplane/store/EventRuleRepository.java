package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class EventRuleRepository implements PanacheRepositoryBase<EventRuleEntity, EventRuleEntity.Key> {

    public Uni<EventRuleEntity> find(String bus, String name, LockModeType lock) {
        return find("bus = ?1 and name = ?2", bus, name).withLock(lock).firstResult();
    }

    public Uni<List<EventRuleEntity>> listByPrefix(String bus, String prefix) {
        return prefix == null ? list("bus = ?1 order by name", bus)
                : list("bus = ?1 and name like ?2 order by name", bus, prefix + "%");
    }

    public Uni<Long> countOnBus(String bus) {
        return count("bus", bus);
    }

    public Uni<List<EventRuleEntity>> enabledSchedules() {
        return list("state = 'ENABLED' and scheduleExpression is not null");
    }

    /**
     * Claims a scheduled time: moves last_fired_at from what the caller saw to {@code tick}. Only one
     * process can move it from a given value, so each tick fires once however many try. 1 if claimed.
     */
    public Uni<Integer> claimTick(String bus, String name, Instant seen, Instant tick) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "UPDATE event_rules SET last_fired_at = ?4 WHERE bus = ?1 AND name = ?2 AND state = 'ENABLED' "
                                + "AND last_fired_at IS NOT DISTINCT FROM ?3")
                .setParameter(1, bus)
                .setParameter(2, name)
                .setParameter(3, seen)
                .setParameter(4, tick)
                .executeUpdate());
    }

    /** Marks rules and targets changed, so every control plane reloads its compiled rules. */
    public Uni<Integer> bumpRevision() {
        return getSession().flatMap(s -> s.createNativeQuery(
                "UPDATE event_rules_revision SET revision = revision + 1 WHERE id = 1").executeUpdate());
    }

    public Uni<Long> revision() {
        return getSession().flatMap(s -> s.createNativeQuery(
                "SELECT revision FROM event_rules_revision WHERE id = 1", Long.class).getSingleResult());
    }
}
