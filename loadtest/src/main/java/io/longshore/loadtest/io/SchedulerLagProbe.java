package io.longshore.loadtest.io;

import io.longshore.common.messaging.ClusterPartitioner;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The scheduler's backlog for the run's cluster: end offset minus the scheduler group's committed
 * offset on the cluster's task-requests partition. The group id is the scheduler's
 * ({@code mp.messaging.incoming.task-requests.group.id} in scheduler's application.properties).
 */
public final class SchedulerLagProbe implements AutoCloseable {
    public static final String SCHEDULER_GROUP = "longshore-scheduler";

    private final Admin admin;
    private final String cluster;
    private TopicPartition partition;

    public SchedulerLagProbe(String bootstrapServers, String cluster) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        this.admin = Admin.create(p);
        this.cluster = cluster;
    }

    /** The lag in messages, or -1 when it cannot be read now. */
    public long lag() {
        try {
            if (partition == null) {
                int partitions = admin.describeTopics(java.util.List.of(Topics.TASK_REQUESTS)).allTopicNames()
                        .get(3, TimeUnit.SECONDS).get(Topics.TASK_REQUESTS).partitions().size();
                partition = new TopicPartition(Topics.TASK_REQUESTS,
                        ClusterPartitioner.partitionFor(MessageKeys.of(cluster, "x"), partitions));
            }
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(3, TimeUnit.SECONDS).offset();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SCHEDULER_GROUP)
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            OffsetAndMetadata c = committed.get(partition);
            return c == null ? end : Math.max(0, end - c.offset());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
