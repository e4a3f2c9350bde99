package io.longshore.common.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates Longshore's Kafka topics when a service starts, before its messaging channels do (a
 * no-op when they exist). Every Quarkus service that depends on this module gets it; a service
 * without Kafka settings skips it.
 */
@ApplicationScoped
public class KafkaTopicsSetup {
    private final Optional<String> bootstrapServers;

    public KafkaTopicsSetup(@ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException {
        if (bootstrapServers.isPresent()) {
            TopicInitializer.ensureTopics(bootstrapServers.get());
        }
    }
}
