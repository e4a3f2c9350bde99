package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class EventRunRepository implements PanacheRepositoryBase<EventRunEntity, String> {

    public Uni<List<EventRunEntity>> ofAttempt(String bus, String rule, String targetId, String eventId,
                                               int attempt) {
        return list("bus = ?1 and rule = ?2 and targetId = ?3 and eventId = ?4 and attempt = ?5", bus, rule,
                targetId, eventId, attempt);
    }

    public Uni<List<EventRunEntity>> ofRule(String bus, String rule) {
        return list("bus = ?1 and rule = ?2 order by eventId, attempt", bus, rule);
    }
}
