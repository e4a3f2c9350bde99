package io.longshore.controlplane.store;

import io.longshore.controlplane.domain.CapacityProvider;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class CapacityProviderRepository implements PanacheRepositoryBase<CapacityProviderEntity, String> {

    /** DescribeCapacityProviders: ACTIVE and INACTIVE ones, by name. */
    public Uni<List<CapacityProviderEntity>> listAll() {
        return list("order by name");
    }

    /** The ACTIVE provider on the group, if any (a group has at most one). */
    public Uni<CapacityProviderEntity> findActiveForGroup(String groupName, LockModeType lock) {
        return find("autoScalingGroupName = ?1 and status = ?2", groupName, CapacityProvider.ACTIVE)
                .withLock(lock).firstResult();
    }
}
