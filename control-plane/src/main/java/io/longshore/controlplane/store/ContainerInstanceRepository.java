package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ContainerInstanceRepository implements PanacheRepositoryBase<ContainerInstanceEntity, String> {

    public Uni<List<ContainerInstanceEntity>> listByCluster(String cluster) {
        return list("cluster = ?1 order by registeredAt, id", cluster);
    }

    /** ACTIVE or DRAINING instances: what keeps a cluster from being deleted. */
    public Uni<Long> countActive(String cluster) {
        return count("cluster = ?1 and status in ('ACTIVE', 'DRAINING')", cluster);
    }

    public Uni<Map<String, Long>> countActiveByCluster() {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select i.cluster, count(i) from ContainerInstanceEntity i "
                                + "where i.status in ('ACTIVE', 'DRAINING') group by i.cluster", Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
                    return counts;
                });
    }

    /** Connected instances whose last heartbeat is older than the cutoff. */
    public Uni<List<ContainerInstanceEntity>> listSilentSince(Instant cutoff) {
        return list("agentConnected = true and lastHeartbeatAt < ?1", cutoff);
    }

    /** The instances with these ids, locked for update in id order. */
    public Uni<List<ContainerInstanceEntity>> lockByIds(Collection<String> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Records a heartbeat of these connected instances of a cluster in one statement; how many were connected. */
    public Uni<Integer> touchConnected(String cluster, Collection<String> ids, Instant at) {
        return update("lastHeartbeatAt = ?1 where cluster = ?2 and id in ?3 and agentConnected = true "
                + "and status <> 'INACTIVE'", at, cluster, ids);
    }

    /** Those of these instances of a cluster whose agent was given up on, locked for update in id order. */
    public Uni<List<ContainerInstanceEntity>> lockDisconnected(String cluster, Collection<String> ids) {
        return find("cluster = ?1 and id in ?2 and agentConnected = false and status <> 'INACTIVE' order by id",
                cluster, ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
