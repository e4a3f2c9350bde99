package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.service.ServiceService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies the scheduler's service status (deployments and counts) to the services table. A
 * tombstone (null value) on the compacted topic is no report and is skipped; a record that cannot be
 * read goes to the dead-letter topic; a database hiccup is retried a few times first.
 */
@ApplicationScoped
public class ServiceStatusConsumer {
    private final ServiceService services;

    public ServiceStatusConsumer(ServiceService services) {
        this.services = services;
    }

    @Incoming("service-status")
    public Uni<Void> onServiceStatus(String payload) {
        if (payload == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> read(payload))
                .flatMap(report -> services.applyStatus(report)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3))
                .replaceWithVoid();
    }

    static ServiceStatus read(String payload) {
        ServiceStatus report = Json.read(payload, ServiceStatus.class);
        if (report.cluster() == null || report.serviceName() == null) {
            throw new IllegalArgumentException("service status without cluster or serviceName");
        }
        if (report.runningCount() < 0 || report.pendingCount() < 0 || report.desiredCount() < 0) {
            throw new IllegalArgumentException("service status of " + report.serviceName() + " with a negative count");
        }
        // The PRIMARY deployment's task definition becomes the service's: it must be one.
        if (report.deployments() != null && report.deployments().stream().anyMatch(d -> d == null
                || d.taskDefinition() != null && TaskDefinitionReference.parse(d.taskDefinition()).isEmpty())) {
            throw new IllegalArgumentException("service status of " + report.serviceName()
                    + " with a deployment that is empty or names no task definition ARN");
        }
        return report;
    }
}
