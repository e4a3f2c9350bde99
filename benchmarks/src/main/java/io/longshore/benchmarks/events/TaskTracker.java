package io.longshore.benchmarks.events;

import io.longshore.common.events.BusEvent;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code longshore.task-requests} and {@code longshore.task-state} from their ends (no
 * consumer group: every partition assigned, positioned at the end before the first event is sent)
 * and keeps, for the tasks of one rule, which event started them and the Kafka timestamps of
 * their PlaceTasks request, their first PENDING (placed by the scheduler) and their first RUNNING
 * (reported by the agent). For the breakdown of the latency it also reads, the same way,
 * {@code longshore.events} (when each of our events reached Kafka; the control plane's own "ECS
 * Task State Change" events there are ignored) and {@code longshore.agent-commands} (when the
 * scheduler sent each task's StartTask to its agent).
 */
final class TaskTracker implements AutoCloseable {
    /** What is known of one task; times are Kafka record timestamps (ms since the epoch), 0 = not seen. */
    static final class Task {
        final String taskId;
        volatile String eventId;
        volatile long requestedAt;
        volatile long commandedAt;
        volatile long placedAt;
        volatile long runningAt;
        volatile long stoppedAt;
        volatile String stopCode;
        volatile String stoppedReason;

        Task(String taskId) {
            this.taskId = taskId;
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final String startedByPrefix;
    private final Thread poller;
    private volatile boolean running = true;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Every task seen on either topic (those of other rules are dropped in {@link #tasksOf}). */
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    /** event id → the ids of the tasks its PlaceTasks requests carried (more than one = a duplicate). */
    private final Map<String, List<String>> tasksByEvent = new ConcurrentHashMap<>();
    /** Task ids seen in more than one PlaceTasks request (a redelivered request, not a second task). */
    private final Set<String> repeatedRequests = ConcurrentHashMap.newKeySet();
    /** event id → Kafka timestamp of the event on {@code longshore.events} (our source only). */
    private final Map<String, Long> eventLogged = new ConcurrentHashMap<>();
    private final String source;
    private final Set<String> timestampTypes = ConcurrentHashMap.newKeySet();
    private final AtomicLong records = new AtomicLong();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    /**
     * Assigns every partition of both topics and moves to their ends; returns once the positions are
     * resolved, so that nothing sent afterwards can be missed.
     */
    TaskTracker(String bootstrap, String rule, String source) {
        this.startedByPrefix = "events-rule/" + rule + "/";
        this.source = source;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-event-latency");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // only how soon we notice a record; the latencies come from the records' own timestamps
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.TASK_REQUESTS, Topics.TASK_STATE, Topics.EVENTS, Topics.AGENT_COMMANDS)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " has no partitions at " + bootstrap
                        + " (is the stack up?)");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve every position now, before any event is sent
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
        poller = new Thread(this::pollLoop, "task-tracker");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    records.incrementAndGet();
                    if (record.value() == null) {
                        continue; // a tombstone of the compacted task-state topic
                    }
                    try {
                        switch (record.topic()) {
                            case Topics.TASK_REQUESTS -> onRequest(record);
                            case Topics.TASK_STATE -> onState(record);
                            case Topics.EVENTS -> onEvent(record);
                            case Topics.AGENT_COMMANDS -> onCommand(record);
                            default -> {
                            }
                        }
                    } catch (RuntimeException e) {
                        if (unreadable.size() < 5) {
                            unreadable.add(record.topic() + "@" + record.offset() + ": " + e);
                        }
                    }
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onRequest(ConsumerRecord<String, String> record) {
        TaskRequest request = Json.read(record.value(), TaskRequest.class);
        if (!(request instanceof TaskRequest.PlaceTasks place) || place.tasks() == null) {
            return;
        }
        timestampTypes.add(record.timestampType().name);
        for (TaskSpec spec : place.tasks()) {
            String startedBy = spec.startedBy();
            if (startedBy == null || !startedBy.startsWith(startedByPrefix)) {
                continue;
            }
            String eventId = startedBy.substring(startedByPrefix.length());
            Task task = task(spec.taskId());
            if (task.requestedAt != 0) {
                repeatedRequests.add(spec.taskId());
                continue;
            }
            task.eventId = eventId;
            task.requestedAt = record.timestamp();
            tasksByEvent.computeIfAbsent(eventId, e -> new CopyOnWriteArrayList<>()).add(spec.taskId());
        }
    }

    private void onState(ConsumerRecord<String, String> record) {
        TaskStateChange change = Json.read(record.value(), TaskStateChange.class);
        if (change.taskId() == null || change.lastStatus() == null) {
            return;
        }
        if (change.startedBy() != null && !change.startedBy().startsWith(startedByPrefix)) {
            return; // another rule's or RunTask's task
        }
        timestampTypes.add(record.timestampType().name);
        Task task = task(change.taskId());
        long at = record.timestamp();
        TaskStatus status = change.lastStatus();
        if (status == TaskStatus.PENDING && task.placedAt == 0) {
            task.placedAt = at;
        } else if (status == TaskStatus.RUNNING && task.runningAt == 0) {
            task.runningAt = at;
        } else if (status == TaskStatus.STOPPED && task.stoppedAt == 0) {
            task.stoppedAt = at;
            task.stopCode = change.stopCode() == null ? null : change.stopCode().name();
            task.stoppedReason = change.stoppedReason();
        }
    }

    private void onEvent(ConsumerRecord<String, String> record) {
        if (!record.value().contains(source)) {
            return; // not ours (the control plane's task state change events, mostly): not even parsed
        }
        BusEvent event = Json.read(record.value(), BusEvent.class);
        if (event.event() != null && source.equals(event.event().source()) && event.event().id() != null) {
            eventLogged.putIfAbsent(event.event().id(), record.timestamp());
        }
    }

    private void onCommand(ConsumerRecord<String, String> record) {
        if (!record.value().contains(startedByPrefix)) {
            return;
        }
        if (Json.read(record.value(), AgentCommand.class) instanceof AgentCommand.StartTask start) {
            Task task = task(start.taskId());
            if (task.commandedAt == 0) {
                task.commandedAt = record.timestamp();
            }
        }
    }

    /** Kafka timestamp of the event on {@code longshore.events}, 0 if not seen. */
    long eventLoggedAt(String eventId) {
        return eventLogged.getOrDefault(eventId, 0L);
    }

    private Task task(String taskId) {
        return tasks.computeIfAbsent(taskId, Task::new);
    }

    /** The tasks the event's PlaceTasks requests carried (empty: none seen yet). */
    List<Task> tasksOf(String eventId) {
        List<String> ids = tasksByEvent.getOrDefault(eventId, List.of());
        List<Task> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(tasks.get(id)));
        return result;
    }

    /** Tasks of the rule whose event this run did not send (should stay empty). */
    long foreignTasks(Set<String> eventIds) {
        return tasksByEvent.keySet().stream().filter(e -> !eventIds.contains(e)).count();
    }

    int repeatedRequests() {
        return repeatedRequests.size();
    }

    Set<String> timestampTypes() {
        return Set.copyOf(timestampTypes);
    }

    long records() {
        return records.get();
    }

    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** Throws what stopped the poller, if anything did. */
    void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("the Kafka consumer failed", t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(10_000);
    }
}
