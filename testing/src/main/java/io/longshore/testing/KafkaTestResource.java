package io.longshore.testing;

import io.longshore.common.messaging.TopicInitializer;
import io.longshore.common.messaging.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Points a {@code @QuarkusTest} at the real test broker, with Longshore's topics deleted and
 * created anew so that each test class starts from empty topics.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try {
            recreateTopics(bootstrap);
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker at " + bootstrap
                    + " is not usable; start it with ./longshore test (or deploy/infra.sh up test)", e);
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    public static void recreateTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Set<String> ours = Topics.ALL.stream().map(Topics.Definition::name).collect(Collectors.toSet());
        try (Admin admin = Admin.create(props)) {
            Set<String> present = admin.listTopics().names().get();
            present.retainAll(ours);
            if (!present.isEmpty()) {
                admin.deleteTopics(present).all().get();
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (admin.listTopics().names().get().stream().anyMatch(ours::contains)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topics were not deleted in time");
                }
                Thread.onSpinWait();
            }
        }
        TopicInitializer.ensureTopics(bootstrap);
    }

    @Override
    public void stop() {
    }
}
