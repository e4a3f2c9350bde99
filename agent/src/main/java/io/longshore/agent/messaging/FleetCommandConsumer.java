package io.longshore.agent.messaging;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.ClusterPartitioner;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * One consumer of {@code longshore.agent-commands} for a whole simulated fleet: it reads the
 * cluster's partition (group {@code longshore-simulator-<cluster>}, from the earliest offset the
 * first time) and hands each command to the fleet, which finds the host by containerInstanceId.
 * Offsets are committed after a batch has been dispatched (queued on the tasks' lanes), as the real
 * agent does. Thousands of SmallRye channels, one per host, would each be a consumer and a thread.
 */
public final class FleetCommandConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FleetCommandConsumer.class);

    private final String cluster;
    private final KafkaConsumer<String, String> consumer;
    private final Predicate<AgentCommand> dispatch;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param dispatch takes a command; false when it is for no host of the fleet */
    public FleetCommandConsumer(String bootstrapServers, String cluster, Predicate<AgentCommand> dispatch) {
        this.cluster = cluster;
        this.dispatch = dispatch;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(cluster));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, "sim-commands");
        this.thread.setDaemon(true);
    }

    public static String groupId(String cluster) {
        return "longshore-simulator-" + cluster;
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            int partitions = consumer.partitionsFor(Topics.AGENT_COMMANDS, Duration.ofMinutes(1)).size();
            while (partitions == 0 && running) {
                // the topic is created by the services at their start-up, which may come after ours
                LOG.infof("simulated fleet: waiting for topic %s", Topics.AGENT_COMMANDS);
                partitions = consumer.partitionsFor(Topics.AGENT_COMMANDS, Duration.ofMinutes(1)).size();
            }
            if (!running) {
                return;
            }
            // every key of the cluster lands on the partition of any of them
            TopicPartition ours = new TopicPartition(Topics.AGENT_COMMANDS,
                    ClusterPartitioner.partitionFor(MessageKeys.of(cluster, "any"), partitions));
            consumer.assign(List.of(ours));
            LOG.infof("simulated fleet: reading commands from %s (group %s)", ours, groupId(cluster));
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "simulated fleet: the command consumer stopped");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        if (record.key() != null && !cluster.equals(MessageKeys.cluster(record.key()))) {
            return; // another cluster's, on the same partition: not worth parsing
        }
        AgentCommand command;
        try {
            command = Json.read(record.value(), AgentCommand.class);
        } catch (RuntimeException e) {
            // the real agents' consumers dead-letter it; one copy there is enough
            LOG.warnf("simulated fleet: skipping unreadable command at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (command == null) {
            return;
        }
        try {
            dispatch.test(command);
        } catch (RuntimeException e) {
            LOG.errorf(e, "simulated fleet: command for task %s failed", command.taskId());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
