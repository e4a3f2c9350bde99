package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class EventBusRepository implements PanacheRepositoryBase<EventBusEntity, String> {

    public Uni<List<EventBusEntity>> listByPrefix(String prefix) {
        return prefix == null ? list("order by name") : list("name like ?1 order by name", prefix + "%");
    }

    /** Which of the names are buses. */
    public Uni<List<String>> existing(Collection<String> names) {
        return find("select name from EventBusEntity where name in ?1", names).project(String.class).list();
    }
}
