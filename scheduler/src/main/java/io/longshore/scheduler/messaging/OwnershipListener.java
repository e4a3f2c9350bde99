package io.longshore.scheduler.messaging;

import io.longshore.scheduler.service.ClusterOwnership;
import io.longshore.scheduler.service.SchedulerState;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Turns the task-requests consumer group's rebalances into cluster ownership. On revocation it
 * waits for the decision in progress to be published before letting go, so the next owner's
 * snapshot of the state topics includes it.
 */
@ApplicationScoped
@Identifier("scheduler-ownership")
public class OwnershipListener implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(OwnershipListener.class);

    private final ClusterOwnership ownership;
    private final SchedulerState state;

    public OwnershipListener(ClusterOwnership ownership, SchedulerState state) {
        this.ownership = ownership;
        this.state = state;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> stateTopics = new ArrayList<>();
        for (TopicPartition assigned : partitions) {
            ClusterOwnership.STATE_TOPICS.forEach(t -> stateTopics.add(new TopicPartition(t, assigned.partition())));
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(stateTopics);
        Map<Integer, Map<TopicPartition, Long>> byPartition = new HashMap<>();
        ends.forEach((tp, end) -> byPartition.computeIfAbsent(tp.partition(), p -> new HashMap<>()).put(tp, end));
        ownership.assigned(byPartition);
        LOG.infof("assigned task-request partitions %s", partitionNumbers(partitions));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        state.whileNotDeciding(() -> ownership.revoked(partitionNumbers(partitions)));
        LOG.infof("revoked task-request partitions %s", partitionNumbers(partitions));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    private static Set<Integer> partitionNumbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
