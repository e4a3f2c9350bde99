package io.longshore.autoscaler.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads a consumer group's lag on a topic from Kafka itself (KEDA's Kafka scaler does the same):
 * the sum over the topic's partitions of end offset minus committed offset. A partition the group
 * has not committed on counts from its earliest offset, as KEDA does with offsetResetPolicy=earliest.
 */
@ApplicationScoped
public class ConsumerLagReader {
    private static final Logger LOG = Logger.getLogger(ConsumerLagReader.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final String bootstrapServers;
    private Admin admin;

    public ConsumerLagReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The total lag, or empty when Kafka cannot say (an unknown topic, the broker unreachable). */
    public OptionalLong lag(String topic, String consumerGroup) {
        try {
            Admin client = admin();
            var partitions = client.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = client
                    .listConsumerGroupOffsets(Map.of(consumerGroup,
                            new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
                    .partitionsToOffsetAndMetadata(consumerGroup).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var ends = offsets(client, partitions, OffsetSpec.latest());
            var starts = offsets(client, partitions, OffsetSpec.earliest());
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset == null ? starts.get(partition).offset() : offset.offset();
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
            return OptionalLong.of(lag);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debugf(e, "no consumer lag for group %s on %s", consumerGroup, topic);
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(
            Admin client, java.util.List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        return client.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            admin = Admin.create(props);
        }
        return admin;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }
}
