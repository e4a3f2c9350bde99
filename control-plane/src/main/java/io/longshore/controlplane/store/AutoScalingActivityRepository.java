package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class AutoScalingActivityRepository implements PanacheRepositoryBase<AutoScalingActivityEntity, String> {

    /** Records the activity unless one of its id is recorded already; returns how many rows it inserted. */
    public Uni<Integer> insertIfAbsent(String activityId, String group, String cluster, String provider,
                                       String description, String cause, Instant startTime) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO auto_scaling_activity (activity_id, auto_scaling_group_name, cluster, "
                                + "capacity_provider_name, description, cause, start_time, status_code) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (activity_id) DO NOTHING")
                .setParameter(1, activityId)
                .setParameter(2, group)
                .setParameter(3, cluster)
                .setParameter(4, provider)
                .setParameter(5, description)
                .setParameter(6, cause)
                .setParameter(7, startTime)
                .setParameter(8, AutoScalingActivityEntity.SUCCESSFUL)
                .executeUpdate());
    }

    /** The group's newest activities first. */
    public Uni<List<AutoScalingActivityEntity>> newest(String group, int limit) {
        return find("autoScalingGroupName = ?1 order by startTime desc, activityId desc", group).page(0, limit).list();
    }
}
