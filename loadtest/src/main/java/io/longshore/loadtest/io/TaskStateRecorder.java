package io.longshore.loadtest.io;

import io.longshore.common.messaging.ClusterPartitioner;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.TaskStatus;
import io.longshore.loadtest.recording.InstanceRecord;
import io.longshore.loadtest.recording.TaskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records the run's cluster from Kafka: every task-state and instance-state report on the
 * cluster's partition (all of a cluster is on one, in the system's order) from the moment it
 * starts. No consumer group: it assigns the partitions itself and commits nothing, so a run
 * never disturbs another's offsets. Keeps live counters for the progress line.
 */
public final class TaskStateRecorder implements AutoCloseable {
    private final String cluster;
    private final String keyPrefix;
    private final KafkaConsumer<String, String> consumer;
    private final boolean instancesFromBeginning;
    // hundreds of thousands of appends: a synchronized list, not a copy-on-write one
    private final List<TaskEvent> taskEvents = Collections.synchronizedList(new ArrayList<>());
    private final List<InstanceRecord> instances = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, TaskStatus> latest = new ConcurrentHashMap<>();
    private final Set<String> placed = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Set<String> activeInstances = ConcurrentHashMap.newKeySet();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile Instant lastTaskEvent = Instant.EPOCH;
    private volatile boolean stopping;
    private Thread thread;
    private TopicPartition taskPartition;
    private TopicPartition instancePartition;

    /** @param instancesFromBeginning read the cluster's instance states from the start (hosts made before the run) */
    public TaskStateRecorder(String bootstrapServers, String cluster, boolean instancesFromBeginning) {
        this.cluster = cluster;
        this.keyPrefix = cluster + "/";
        this.instancesFromBeginning = instancesFromBeginning;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "longshore-loadtest-recorder-" + cluster);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        this.consumer = new KafkaConsumer<>(p);
    }

    /** Assigns the cluster's partitions at their current end (so nothing older is read) and starts polling. */
    public void start() {
        taskPartition = partitionOf(Topics.TASK_STATE);
        instancePartition = partitionOf(Topics.INSTANCE_STATE);
        consumer.assign(List.of(taskPartition, instancePartition));
        consumer.seekToEnd(List.of(taskPartition));
        if (instancesFromBeginning) {
            consumer.seekToBeginning(List.of(instancePartition));
        } else {
            consumer.seekToEnd(List.of(instancePartition));
        }
        // resolve the positions now, so the recording starts here and not at the first poll
        consumer.position(taskPartition);
        consumer.position(instancePartition);
        thread = new Thread(this::poll, "loadtest-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private TopicPartition partitionOf(String topic) {
        int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).size();
        return new TopicPartition(topic, ClusterPartitioner.partitionFor(MessageKeys.of(cluster, "x"), partitions));
    }

    private void poll() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().startsWith(keyPrefix) || r.value() == null) {
                        continue;
                    }
                    try {
                        if (r.topic().equals(Topics.TASK_STATE)) {
                            onTaskState(r);
                        } else {
                            onInstanceState(r);
                        }
                    } catch (RuntimeException e) {
                        unreadable.incrementAndGet();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void onTaskState(ConsumerRecord<String, String> r) {
        TaskStateChange c = Json.read(r.value(), TaskStateChange.class);
        Instant time = c.reportedAt() != null ? c.reportedAt() : Instant.ofEpochMilli(r.timestamp());
        taskEvents.add(new TaskEvent(r.offset(), time, c));
        lastTaskEvent = Instant.now();
        TaskStatus status = c.lastStatus();
        if (status == null) {
            return;
        }
        latest.merge(c.taskId(), status, (a, b) -> b.isAfter(a) ? b : a);
        if (c.allocation() != null && status.holdsResources()) {
            placed.add(c.taskId());
        }
        if (status == TaskStatus.RUNNING) {
            running.add(c.taskId());
        }
        if (status == TaskStatus.STOPPED) {
            stopped.add(c.taskId());
        }
    }

    private void onInstanceState(ConsumerRecord<String, String> r) {
        InstanceState s = Json.read(r.value(), InstanceState.class);
        instances.add(new InstanceRecord(Instant.ofEpochMilli(r.timestamp()), s));
        if (s.acceptsPlacements()) {
            activeInstances.add(s.containerInstanceId());
        } else {
            activeInstances.remove(s.containerInstanceId());
        }
    }

    /** Settled: RUNNING (or later) or STOPPED; unknown tasks are not. */
    public boolean settled(String taskId) {
        TaskStatus s = latest.get(taskId);
        return s != null && (s == TaskStatus.STOPPED || !TaskStatus.RUNNING.isAfter(s));
    }

    public boolean allSeenSettled() {
        for (String id : latest.keySet()) {
            if (!settled(id)) {
                return false;
            }
        }
        return true;
    }

    public boolean placedOrStopped(String taskId) {
        return placed.contains(taskId) || stopped.contains(taskId);
    }

    public long seenCount() { return latest.size(); }
    public int activeInstances() { return activeInstances.size(); }
    public long placedCount() { return placed.size(); }
    public long runningCount() { return running.size(); }
    public long stoppedCount() { return stopped.size(); }
    public long unreadable() { return unreadable.get(); }
    public Instant lastTaskEvent() { return lastTaskEvent; }
    public List<TaskEvent> taskEvents() {
        synchronized (taskEvents) {
            return new ArrayList<>(taskEvents);
        }
    }

    public List<InstanceRecord> instances() {
        synchronized (instances) {
            return new ArrayList<>(instances);
        }
    }
    public TopicPartition taskPartition() { return taskPartition; }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.join(5_000);
        } else {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
