package io.longshore.controlplane.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Looks for agents that stopped heartbeating, every few seconds. */
@ApplicationScoped
public class InstanceHeartbeatMonitor {
    private static final Logger LOG = Logger.getLogger(InstanceHeartbeatMonitor.class);
    private final ContainerInstanceService instances;

    public InstanceHeartbeatMonitor(ContainerInstanceService instances) {
        this.instances = instances;
    }

    @Scheduled(every = "${longshore.instances.heartbeat-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        // A failed check (database briefly away, shutting down) is simply retried on the next tick.
        return instances.disconnectSilent()
                .onFailure().invoke(e -> LOG.debugf(e, "heartbeat check failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
