package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ScalingActivityRepository implements PanacheRepositoryBase<ScalingActivityEntity, String> {

    /** The service's newest activities first (by decision time, then by when they were carried out). */
    public Uni<List<ScalingActivityEntity>> newest(String cluster, String serviceName, int limit) {
        return find("cluster = ?1 and serviceName = ?2 order by startTime desc, endTime desc, activityId desc", cluster, serviceName)
                .page(0, limit).list();
    }
}
