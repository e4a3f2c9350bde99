package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ServiceEventRepository implements PanacheRepositoryBase<ServiceEventEntity, String> {

    /** Stores the event unless one with its id is stored already; 1 if stored, 0 if not. */
    public Uni<Integer> insertIfAbsent(String id, String cluster, String serviceName, Instant createdAt,
                                       String message) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO service_events (id, cluster, service_name, created_at, message) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, cluster)
                .setParameter(3, serviceName)
                .setParameter(4, createdAt)
                .setParameter(5, message)
                .executeUpdate());
    }

    /** The service's newest events first. */
    public Uni<List<ServiceEventEntity>> newest(String cluster, String serviceName, int limit) {
        return find("cluster = ?1 and serviceName = ?2 order by createdAt desc, id desc", cluster, serviceName)
                .page(0, limit).list();
    }

    /** Deletes all but the service's {@code keep} newest events. */
    public Uni<Integer> keepNewest(String cluster, String serviceName, int keep) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "DELETE FROM service_events WHERE cluster = ?1 AND service_name = ?2 AND id NOT IN ("
                                + "SELECT id FROM service_events WHERE cluster = ?1 AND service_name = ?2 "
                                + "ORDER BY created_at DESC, id DESC LIMIT ?3)")
                .setParameter(1, cluster)
                .setParameter(2, serviceName)
                .setParameter(3, keep)
                .executeUpdate());
    }

    /** Forgets the events of an earlier service of this name (when the name is taken again). */
    public Uni<Long> deleteForService(String cluster, String serviceName) {
        return delete("cluster = ?1 and serviceName = ?2", cluster, serviceName);
    }
}
