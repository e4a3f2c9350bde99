package io.longshore.common.messaging;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates Longshore's topics with their partition counts and cleanup policies. Every service runs
 * it at start-up; creating a topic that exists is a no-op, so the order services start in does not
 * matter. The broker runs with topic auto-creation off.
 */
public final class TopicInitializer {
    private TopicInitializer() {
    }

    public static void ensureTopics(String bootstrapServers) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(TopicInitializer::newTopic)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().values().forEach(f -> {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list Kafka topics at " + bootstrapServers, e.getCause());
        }
    }

    private static NewTopic newTopic(Topics.Definition definition) {
        NewTopic topic = new NewTopic(definition.name(), definition.partitions(), (short) 1);
        if (definition.compacted()) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
