package io.longshore.controlplane.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Starts the next attempt of event deliveries whose retry time has come. */
@ApplicationScoped
public class EventRetryLoop {
    private static final Logger LOG = Logger.getLogger(EventRetryLoop.class);
    private static final int BATCH = 20;

    private final EventDeliveryService deliveries;

    public EventRetryLoop(EventDeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @Scheduled(every = "${longshore.events.retry-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retry() {
        return deliveries.retryDue(BATCH)
                .onFailure().invoke(e -> LOG.debugf(e, "event retry pass failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
