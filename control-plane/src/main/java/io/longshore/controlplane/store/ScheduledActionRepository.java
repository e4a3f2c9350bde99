package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ScheduledActionRepository implements PanacheRepositoryBase<ScheduledActionEntity, TargetMemberKey> {

    public Uni<ScheduledActionEntity> findFor(String cluster, String serviceName, String name) {
        return findById(new TargetMemberKey(cluster, serviceName, name));
    }

    /** The target's scheduled actions, by name. */
    public Uni<List<ScheduledActionEntity>> listFor(String cluster, String serviceName) {
        return list("cluster = ?1 and serviceName = ?2 order by name", cluster, serviceName);
    }

    public Uni<Long> countFor(String cluster, String serviceName) {
        return count("cluster = ?1 and serviceName = ?2", cluster, serviceName);
    }

    public Uni<Long> deleteFor(String cluster, String serviceName) {
        return delete("cluster = ?1 and serviceName = ?2", cluster, serviceName);
    }
}
