package io.longshore.controlplane.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.longshore.common.model.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "clusters")
public class ClusterEntity {
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    @Id
    public String name;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    /** JSON array of the names of its capacity providers, in the order PutClusterCapacityProviders gave them. */
    @Column(name = "capacity_providers")
    public String capacityProviders;
    /** JSON array of CapacityProviderStrategyItem: what RunTask and CreateService use when they name neither. */
    @Column(name = "default_capacity_provider_strategy")
    public String defaultCapacityProviderStrategy;

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public List<String> capacityProviderNames() {
        return JsonColumns.strings(capacityProviders);
    }

    public List<CapacityProviderStrategyItem> defaultStrategy() {
        return JsonColumns.capacityProviderStrategy(defaultCapacityProviderStrategy);
    }
}
