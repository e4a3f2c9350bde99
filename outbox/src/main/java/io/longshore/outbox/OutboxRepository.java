package io.longshore.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntity, Long> {

    /** The oldest pending records, in the order they were written. */
    public Uni<List<OutboxEntity>> oldest(int limit) {
        return find("order by id").page(0, limit).list();
    }

    public Uni<Long> deleteIds(List<Long> ids) {
        return delete("id in ?1", ids);
    }
}
