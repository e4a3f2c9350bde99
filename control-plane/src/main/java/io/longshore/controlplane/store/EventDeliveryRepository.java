package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class EventDeliveryRepository implements PanacheRepositoryBase<EventDeliveryEntity, EventDeliveryEntity.Key> {

    /**
     * Records that the event is being delivered to the target, unless it already is (a redelivered
     * event, or another process got there first): 1 if this call owns the delivery, 0 if not.
     */
    public Uni<Integer> insertIfAbsent(String bus, String rule, String targetId, String eventId, String event,
                                       Instant ingestedAt, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO event_deliveries (bus, rule, target_id, event_id, event, ingested_at, state, "
                                + "attempts, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'RUNNING', 1, ?7, ?7) "
                                + "ON CONFLICT DO NOTHING")
                .setParameter(1, bus)
                .setParameter(2, rule)
                .setParameter(3, targetId)
                .setParameter(4, eventId)
                .setParameter(5, event)
                .setParameter(6, ingestedAt)
                .setParameter(7, now)
                .executeUpdate());
    }

    public Uni<EventDeliveryEntity> find(String bus, String rule, String targetId, String eventId,
                                         LockModeType lock) {
        return find("bus = ?1 and rule = ?2 and targetId = ?3 and eventId = ?4", bus, rule, targetId, eventId)
                .withLock(lock).firstResult();
    }

    /** Deliveries whose retry is due, locked; rows another process holds are skipped, not waited for. */
    public Uni<List<EventDeliveryEntity>> lockDueRetries(Instant now, int limit) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT * FROM event_deliveries WHERE state = 'RETRYING' AND next_attempt_at <= ?1 "
                                + "ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", EventDeliveryEntity.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList());
    }

    /** A rule's deliveries, newest first. */
    public Uni<List<EventDeliveryEntity>> newestOfRule(String bus, String rule, int limit) {
        return find("bus = ?1 and rule = ?2 order by createdAt desc, eventId", bus, rule).page(0, limit).list();
    }
}
