package io.longshore.controlplane.store;

import io.longshore.common.model.TaskStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<TaskEntity, String> {
    /** Statuses in which a task holds resources on its instance (see TaskStatus#holdsResources). */
    static final List<String> HOLDING = java.util.Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::holdsResources).map(Enum::name).toList();

    /** Task counts per cluster and lastStatus, for the tasks that are not STOPPED. */
    public Uni<Map<String, Map<String, Long>>> countByClusterAndStatus() {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select t.cluster, t.lastStatus, count(t) from TaskEntity t "
                                + "where t.lastStatus <> 'STOPPED' group by t.cluster, t.lastStatus", Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Map<String, Long>> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        counts.computeIfAbsent((String) row[0], k -> new HashMap<>())
                                .put((String) row[1], ((Number) row[2]).longValue());
                    }
                    return counts;
                });
    }

    public Uni<Long> countNotStopped(String cluster) {
        return count("cluster = ?1 and lastStatus <> 'STOPPED'", cluster);
    }

    /** The cluster's tasks on the capacity provider that are not STOPPED. */
    public Uni<Long> countNotStoppedOnProvider(String cluster, String capacityProviderName) {
        return count("cluster = ?1 and capacityProviderName = ?2 and lastStatus <> 'STOPPED'", cluster,
                capacityProviderName);
    }

    /** The tasks of a cluster that hold resources on some instance. */
    public Uni<List<TaskEntity>> listHoldingResources(String cluster) {
        return list("cluster = ?1 and containerInstanceId is not null and lastStatus in ?2", cluster, HOLDING);
    }

    public Uni<TaskEntity> findInCluster(String cluster, String id, LockModeType lock) {
        return find("id = ?1 and cluster = ?2", id, cluster).withLock(lock).firstResult();
    }

    /** The tasks with these ids, locked for update in id order (so two batches never deadlock). */
    public Uni<List<TaskEntity>> lockByIds(Collection<String> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<TaskEntity>> listByIds(Collection<String> ids) {
        return list("id in ?1 order by createdAt, id", ids);
    }

    /** Tasks matching ListTasks' filters; null filters match everything. */
    public Uni<List<TaskEntity>> search(String cluster, String family, String startedBy, String group,
                                        String desiredStatus, String containerInstanceId) {
        StringBuilder query = new StringBuilder("cluster = :cluster");
        Map<String, Object> params = new HashMap<>();
        params.put("cluster", cluster);
        List<String> clauses = new ArrayList<>();
        if (family != null) {
            clauses.add("family = :family");
            params.put("family", family);
        }
        if (startedBy != null) {
            clauses.add("startedBy = :startedBy");
            params.put("startedBy", startedBy);
        }
        if (group != null) {
            clauses.add("groupName = :group");
            params.put("group", group);
        }
        if (desiredStatus != null) {
            clauses.add("desiredStatus = :desiredStatus");
            params.put("desiredStatus", desiredStatus);
        }
        if (containerInstanceId != null) {
            clauses.add("containerInstanceId = :containerInstanceId");
            params.put("containerInstanceId", containerInstanceId);
        }
        clauses.forEach(c -> query.append(" and ").append(c));
        query.append(" order by createdAt, id");
        return list(query.toString(), params);
    }
}
