package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class ScalableTargetRepository implements PanacheRepositoryBase<ScalableTargetEntity, ScalableTargetEntity.Key> {

    /** The service's target, or null. */
    public Uni<ScalableTargetEntity> findFor(String cluster, String serviceName, LockModeType lock) {
        return find("cluster = ?1 and serviceName = ?2", cluster, serviceName).withLock(lock).firstResult();
    }

    /** DescribeScalableTargets of a cluster, by service name. */
    public Uni<List<ScalableTargetEntity>> listInCluster(String cluster) {
        return list("cluster = ?1 order by serviceName", cluster);
    }
}
