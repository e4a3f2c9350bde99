package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<ClusterEntity, String> {

    /** Creates the cluster, or reactivates it; race-free, so two concurrent creates both succeed. */
    public Uni<Integer> upsertActive(String name, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO clusters (name, status, created_at) VALUES (?1, 'ACTIVE', ?2) "
                                + "ON CONFLICT (name) DO UPDATE SET status = 'ACTIVE'")
                .setParameter(1, name)
                .setParameter(2, now)
                .executeUpdate());
    }

    /** An ACTIVE cluster, share-locked so that it cannot be deleted while the caller adds to it. */
    public Uni<ClusterEntity> findActiveForUpdate(String name, LockModeType lock) {
        return findById(name, lock).map(c -> c != null && c.isActive() ? c : null);
    }

    public Uni<List<ClusterEntity>> listActive() {
        return list("status = ?1 order by name", ClusterEntity.ACTIVE);
    }
}
