package io.longshore.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Partitions by the cluster part of a {@code <cluster>/<id>} key, so that every message about a
 * cluster lands on the same partition and keeps its order (a stop after its run, a state change
 * after the placement).
 */
public class ClusterPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        return partitionFor(String.valueOf(key), partitions);
    }

    public static int partitionFor(String key, int partitions) {
        byte[] clusterBytes = MessageKeys.cluster(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(clusterBytes)) % partitions;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
