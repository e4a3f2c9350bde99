package io.longshore.registry.health;

import io.longshore.registry.storage.BlobStorage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the blob storage root can be written. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private final BlobStorage storage;

    public StorageHealthCheck(BlobStorage storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registry-storage")
                .status(storage.writable())
                .withData("root", storage.root().toString())
                .build();
    }
}
