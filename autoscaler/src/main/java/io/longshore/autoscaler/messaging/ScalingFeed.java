package io.longshore.autoscaler.messaging;

import io.longshore.autoscaler.capacity.CapacityState;
import io.longshore.autoscaler.service.ScalingState;
import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricSample;
import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Replays the scalable targets, the service specs and the autoscaler's own decisions from the
 * beginning at start-up (so cooldowns and scheduled occurrences already taken survive a restart),
 * then follows them together with the metric samples, which are read from the end: a sample
 * older than the restart belongs to a period that can no longer close correctly anyway. A plain
 * consumer with assigned partitions and no group: the autoscaler needs everything, not a share.
 * Cluster scaling's inputs come the same way: the capacity providers and the clusters' capacity
 * figures (compacted: the latest of each), and its own drain and deregistration decisions (which
 * instances it is waiting on to empty).
 */
@ApplicationScoped
public class ScalingFeed {
    private static final Logger LOG = Logger.getLogger(ScalingFeed.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    static final List<String> REPLAYED = List.of(Topics.SCALING_TARGETS, Topics.SERVICE_SPECS, Topics.SCALING_DECISIONS,
            Topics.CAPACITY_PROVIDERS, Topics.CLUSTER_CAPACITY, Topics.CAPACITY_DECISIONS);

    private final ScalingState state;
    private final CapacityState capacity;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    public ScalingFeed(ScalingState state, CapacityState capacity,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.state = state;
        this.capacity = capacity;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, "scaling-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Follows the topics; a failure (the broker gone for longer than a poll) starts over: every apply is idempotent. */
    private void run() {
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                return; // shutting down
            } catch (RuntimeException e) {
                LOG.errorf(e, "the scaling feed failed; it starts over in %d s", RETRY_DELAY.toSeconds());
                try {
                    Thread.sleep(RETRY_DELAY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void follow() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
            consumer = c;
            List<TopicPartition> replayed = partitions(c, REPLAYED);
            List<TopicPartition> metrics = partitions(c, List.of(Topics.METRICS));
            List<TopicPartition> all = new ArrayList<>(replayed);
            all.addAll(metrics);
            c.assign(all);
            c.seekToBeginning(replayed);
            c.seekToEnd(metrics);
            Map<TopicPartition, Long> endAtStart = c.endOffsets(replayed);
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (!state.isCaughtUp() && endAtStart.entrySet().stream()
                        .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    state.markCaughtUp();
                    capacity.markCaughtUp();
                    LOG.infof("scaling state rebuilt from %s (%d scalable targets, %d capacity providers)", REPLAYED,
                            state.targetCount(), capacity.providerCount());
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> c, List<String> topics) {
        return topics.stream()
                .flatMap(topic -> c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
                .toList();
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone
        }
        try {
            switch (record.topic()) {
                case Topics.SCALING_TARGETS -> state.apply(Json.read(record.value(), ScalingTarget.class));
                case Topics.SERVICE_SPECS -> state.apply(Json.read(record.value(), ServiceSpec.class));
                case Topics.SCALING_DECISIONS -> state.apply(Json.read(record.value(), ScalingDecision.class));
                case Topics.METRICS -> state.apply(Json.read(record.value(), MetricSample.class));
                case Topics.CAPACITY_PROVIDERS -> capacity.apply(Json.read(record.value(), CapacityProviderSpec.class));
                case Topics.CLUSTER_CAPACITY -> capacity.apply(Json.read(record.value(), ClusterCapacity.class));
                case Topics.CAPACITY_DECISIONS -> capacity.apply(Json.read(record.value(), CapacityDecision.class));
                default -> LOG.warnf("record of unexpected topic %s", record.topic());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "skipping unreadable record %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }
}
