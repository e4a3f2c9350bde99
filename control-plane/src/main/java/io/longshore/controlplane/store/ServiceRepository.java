package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ServiceRepository implements PanacheRepositoryBase<ServiceEntity, ServiceEntity.Key> {

    public Uni<ServiceEntity> findInCluster(String cluster, String name, LockModeType lock) {
        return find("cluster = ?1 and name = ?2", cluster, name).withLock(lock).firstResult();
    }

    /** ACTIVE or DRAINING services: what keeps a cluster from being deleted. */
    public Uni<Long> countLive(String cluster) {
        return count("cluster = ?1 and status in ('ACTIVE', 'DRAINING')", cluster);
    }

    /** ListServices: the ACTIVE and DRAINING services, oldest first; strategy null means any. */
    public Uni<List<ServiceEntity>> listLive(String cluster, String schedulingStrategy) {
        if (schedulingStrategy == null) {
            return list("cluster = ?1 and status in ('ACTIVE', 'DRAINING') order by createdAt, name", cluster);
        }
        return list("cluster = ?1 and status in ('ACTIVE', 'DRAINING') and schedulingStrategy = ?2 "
                + "order by createdAt, name", cluster, schedulingStrategy);
    }

    /**
     * ACTIVE services whose published template's credentials expire before {@code before}, soonest
     * first, at most {@code limit}, locked for the caller's transaction.
     */
    public Uni<List<ServiceEntity>> lockActiveWithCredentialsExpiringBefore(Instant before, int limit) {
        return find("status = 'ACTIVE' and templateCredentialsExpireAt < ?1 order by templateCredentialsExpireAt",
                before).page(0, limit).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
