package io.longshore.controlplane.service;

import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.Topics;
import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.domain.CapacityProvider;
import io.longshore.controlplane.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Tells the autoscaler about a capacity provider: the whole {@link CapacityProviderSpec}, with its
 * group and cluster, in the outbox, in the caller's transaction, after every change (INACTIVE once
 * deleted). The caller triggers the relay once it commits.
 */
@ApplicationScoped
public class CapacityProviderPublisher {
    private final Outbox outbox;
    private final Clock clock;

    public CapacityProviderPublisher(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> publish(CapacityProvider provider, AutoScalingGroup group) {
        CapacityProviderSpec spec = provider.spec(group, clock.instant());
        return outbox.enqueue(Topics.CAPACITY_PROVIDERS, spec.key(), spec);
    }
}
