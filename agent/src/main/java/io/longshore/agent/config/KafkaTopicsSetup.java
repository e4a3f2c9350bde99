package io.longshore.agent.config;

import io.longshore.common.messaging.TopicInitializer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates Longshore's Kafka topics before the messaging channels start (a no-op when they exist). */
@ApplicationScoped
public class KafkaTopicsSetup {
    private final String bootstrapServers;

    public KafkaTopicsSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws InterruptedException {
        TopicInitializer.ensureTopics(bootstrapServers);
    }
}
