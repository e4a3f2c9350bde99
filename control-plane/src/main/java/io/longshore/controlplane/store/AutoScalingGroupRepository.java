package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AutoScalingGroupRepository implements PanacheRepositoryBase<AutoScalingGroupEntity, String> {

    public Uni<List<AutoScalingGroupEntity>> listAll() {
        return list("order by name");
    }
}
