package io.longshore.controlplane.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Services outlive the 12-hour pull credentials in their task template: this publishes their specs
 * again (same deploymentId) with fresh credentials once the old ones are within half their validity.
 */
@ApplicationScoped
public class TemplateCredentialRenewer {
    private static final Logger LOG = Logger.getLogger(TemplateCredentialRenewer.class);
    /** Services renewed per tick; the rest wait for the next one (they are still valid for hours). */
    static final int BATCH = 100;

    private final ServiceService services;
    private volatile boolean started;

    public TemplateCredentialRenewer(ServiceService services) {
        this.services = services;
    }

    // After messaging has wired the outbox relay, which a renewal triggers (as OutboxSweeper waits).
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${longshore.registry.credential-refresh-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        // A failed pass (database briefly away, shutting down) is retried on the next tick, well in time.
        return services.renewTemplateCredentials(BATCH)
                .onFailure().invoke(e -> LOG.warnf(e, "renewing services' registry credentials failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
