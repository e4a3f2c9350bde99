package io.longshore.scheduler.messaging;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.scheduler.service.ClusterOwnership;
import io.longshore.scheduler.service.SchedulerState;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
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
 * Reads the compacted state topics (instances, task states, service specs and statuses) from the beginning at start-up and
 * then follows them, applying every record to {@link SchedulerState}. A plain consumer with
 * assigned partitions and no group: every scheduler needs the whole history, not a share of it.
 */
@ApplicationScoped
public class StateFeed {
    private static final Logger LOG = Logger.getLogger(StateFeed.class);

    private final SchedulerState state;
    private final ClusterOwnership ownership;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    public StateFeed(SchedulerState state, ClusterOwnership ownership,
                     @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.state = state;
        this.ownership = ownership;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, "state-feed");
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

    private void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
            consumer = c;
            List<TopicPartition> partitions = ClusterOwnership.STATE_TOPICS.stream()
                    .flatMap(topic -> c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                            .map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
            long started = System.nanoTime();
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                for (TopicPartition partition : partitions) {
                    ownership.fed(partition, c.position(partition));
                }
                if (!state.isCaughtUp() && endAtStart.entrySet().stream()
                        .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    state.markCaughtUp();
                    LOG.infof("state rebuilt from %s in %d ms (%d instances)", ClusterOwnership.STATE_TOPICS,
                            (System.nanoTime() - started) / 1_000_000, state.instanceCount());
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.error("the state feed stopped; the scheduler cannot place safely without it", e);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone: the entity is gone and holds nothing
        }
        try {
            switch (record.topic()) {
                case Topics.INSTANCE_STATE -> state.apply(Json.read(record.value(), InstanceState.class));
                case Topics.TASK_STATE -> state.apply(Json.read(record.value(), TaskStateChange.class));
                case Topics.SERVICE_SPECS -> state.apply(Json.read(record.value(), ServiceSpec.class));
                case Topics.SERVICE_STATUS -> state.apply(Json.read(record.value(), ServiceStatus.class));
                default -> LOG.warnf("record of unexpected topic %s", record.topic());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "skipping unreadable record %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }
}
