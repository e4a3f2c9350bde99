package io.longshore.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ClusterOwnershipTest {
    private final ClusterOwnership ownership = new ClusterOwnership();
    private final int partition = ClusterOwnership.partitionOf("default");

    @Test
    void anAssignedClusterIsDecidedOnlyOnceEveryStateTopicIsReadToWhereItEndedAtAssignment() throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        ClusterOwnership.STATE_TOPICS.forEach(t -> ends.put(new TopicPartition(t, partition), 5L));
        ownership.assigned(Map.of(partition, ends));

        assertThat(ownership.owns("default")).isTrue();
        assertThat(ownership.decides("default")).isFalse();
        for (String topic : ClusterOwnership.STATE_TOPICS) {
            assertThat(ownership.decides("default")).isFalse();
            ownership.fed(new TopicPartition(topic, partition), 5);
        }
        assertThat(ownership.awaitDecides("default", 1, TimeUnit.SECONDS)).isTrue();
        assertThat(ownership.decidablePartitions()).containsExactly(partition);

        ownership.revoked(Set.of(partition));
        assertThat(ownership.owns("default")).isFalse();
        assertThat(ownership.awaitDecides("default", 10, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void anEmptyPartitionIsDecidedAtOnce() {
        Map<TopicPartition, Long> ends = new HashMap<>();
        ClusterOwnership.STATE_TOPICS.forEach(t -> ends.put(new TopicPartition(t, partition), 0L));

        ownership.assigned(Map.of(partition, ends));

        assertThat(ownership.decides("default")).isTrue();
    }
}
