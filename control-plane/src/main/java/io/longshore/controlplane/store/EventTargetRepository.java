package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class EventTargetRepository implements PanacheRepositoryBase<EventTargetEntity, EventTargetEntity.Key> {

    public Uni<List<EventTargetEntity>> ofRule(String bus, String rule) {
        return list("bus = ?1 and rule = ?2 order by createdAt, id", bus, rule);
    }

    public Uni<List<EventTargetEntity>> all() {
        return list("order by bus, rule, createdAt, id");
    }

    public Uni<Long> countOfRule(String bus, String rule) {
        return count("bus = ?1 and rule = ?2", bus, rule);
    }

    public Uni<Long> delete(String bus, String rule, String id) {
        return delete("bus = ?1 and rule = ?2 and id = ?3", bus, rule, id);
    }
}
