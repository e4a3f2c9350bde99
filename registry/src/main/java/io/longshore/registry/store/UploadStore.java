package io.longshore.registry.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UploadStore implements PanacheRepositoryBase<UploadEntity, UUID> {

    /** Moves the acknowledged size on, only from {@code from}: two writers cannot both advance it. */
    public Uni<Integer> advance(UUID id, long from, long to, Instant now) {
        return update("size = ?1, updatedAt = ?2 where id = ?3 and size = ?4", to, now, id, from);
    }

    public Uni<List<UploadEntity>> notUpdatedSince(Instant cutoff, int limit) {
        return find("updatedAt < ?1 order by updatedAt", cutoff).page(0, limit).list();
    }
}
