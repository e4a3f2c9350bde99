package io.longshore.controlplane.support;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Plays the scheduler for the tests: reads PlaceTasks for one task family from
 * longshore.task-requests and answers each task with the report the test decides.
 */
public final class FakeScheduler implements AutoCloseable {
    private final String family;
    private final Function<TaskSpec, TaskStateChange> decide;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    public final List<TaskRequest.PlaceTasks> received = new CopyOnWriteArrayList<>();

    private FakeScheduler(String family, Function<TaskSpec, TaskStateChange> decide) {
        this.family = family;
        this.decide = decide;
        this.thread = new Thread(this::run, "fake-scheduler-" + family);
    }

    public static FakeScheduler start(String family, Function<TaskSpec, TaskStateChange> decide) {
        FakeScheduler scheduler = new FakeScheduler(family, decide);
        scheduler.thread.start();
        return scheduler;
    }

    private void run() {
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromBeginning(Topics.TASK_REQUESTS)) {
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    TaskRequest request = Json.read(record.value(), TaskRequest.class);
                    if (request instanceof TaskRequest.PlaceTasks place
                            && place.tasks().stream().allMatch(t -> family.equals(t.family()))) {
                        received.add(place);
                        place.tasks().forEach(spec -> {
                            TaskStateChange report = decide.apply(spec);
                            TestKafka.send(Topics.TASK_STATE, report.key(), report);
                        });
                    }
                });
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
