package io.longshore.scheduler.service;

import io.longshore.common.messaging.ClusterPartitioner;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Which clusters this scheduler decides for. A cluster belongs to whoever the consumer group
 * assigned its partition of {@code longshore.task-requests} (every topic puts a cluster on the
 * same partition number). A newly assigned partition becomes decidable only once the state feed
 * has read that partition of every state topic up to where it ended at assignment: by then every
 * decision the previous owner published is in the view, so nothing is placed twice or over-committed.
 */
@ApplicationScoped
public class ClusterOwnership {
    /** The state topics a new owner must have read before deciding. */
    public static final List<String> STATE_TOPICS = List.of(Topics.INSTANCE_STATE, Topics.TASK_STATE,
            Topics.SERVICE_SPECS, Topics.SERVICE_STATUS);

    private final Set<Integer> decidable = new HashSet<>();
    private final Map<Integer, Map<TopicPartition, Long>> catchingUp = new HashMap<>();
    private final Map<TopicPartition, Long> fed = new HashMap<>();

    public static int partitionOf(String cluster) {
        return ClusterPartitioner.partitionFor(MessageKeys.of(cluster, ""), Topics.PARTITIONS);
    }

    /** Partitions assigned, with the end offsets of their state topics at this moment. */
    public synchronized void assigned(Map<Integer, Map<TopicPartition, Long>> endOffsetsByPartition) {
        catchingUp.putAll(endOffsetsByPartition);
        checkCaughtUp();
    }

    public synchronized void revoked(Set<Integer> partitions) {
        partitions.forEach(p -> {
            decidable.remove(p);
            catchingUp.remove(p);
        });
    }

    /** The feed's position on a state topic partition (the next offset it will read). */
    public synchronized void fed(TopicPartition partition, long position) {
        fed.merge(partition, position, Math::max);
        checkCaughtUp();
    }

    private void checkCaughtUp() {
        catchingUp.entrySet().removeIf(entry -> {
            boolean done = entry.getValue().entrySet().stream()
                    .allMatch(end -> fed.getOrDefault(end.getKey(), 0L) >= end.getValue());
            if (done) {
                decidable.add(entry.getKey());
                notifyAll();
            }
            return done;
        });
    }

    public synchronized boolean decides(String cluster) {
        return decidable.contains(partitionOf(cluster));
    }

    /** Whether the cluster's partition is assigned here, decidable yet or still catching up. */
    public synchronized boolean owns(String cluster) {
        int partition = partitionOf(cluster);
        return decidable.contains(partition) || catchingUp.containsKey(partition);
    }

    public synchronized Set<Integer> decidablePartitions() {
        return Set.copyOf(decidable);
    }

    /** Waits until this scheduler decides for the cluster; false if it does not within the timeout. */
    public synchronized boolean awaitDecides(String cluster, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!decides(cluster)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
