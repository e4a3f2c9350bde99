package io.longshore.agent.task;

import io.longshore.common.messaging.TaskStateChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A {@link TaskStore} in memory, for simulated hosts: thousands of them in one process must not
 * each write a file per task. Nothing survives a restart, which is what a simulated host wants
 * (its containers do not survive either).
 */
public final class MemoryTaskStore implements TaskStore {
    private record Finished(TaskStateChange report, Instant at) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final Map<String, Finished> finished = new ConcurrentHashMap<>();

    public MemoryTaskStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean createIfAbsent(TaskRecord record) {
        if (tasks.containsKey(record.taskId()) || finished.containsKey(record.taskId())) {
            return false;
        }
        tasks.put(record.taskId(), record);
        return true;
    }

    @Override
    public Optional<TaskRecord> load(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public void update(String taskId, UnaryOperator<TaskRecord> change) {
        tasks.computeIfPresent(taskId, (id, record) -> change.apply(record));
    }

    @Override
    public List<TaskRecord> all() {
        return List.copyOf(tasks.values());
    }

    @Override
    public boolean isRecorded(String taskId) {
        return tasks.containsKey(taskId);
    }

    @Override
    public void delete(String taskId) {
        tasks.remove(taskId);
    }

    @Override
    public void markFinished(TaskStateChange finalReport) {
        finished.put(finalReport.taskId(), new Finished(finalReport, clock.instant()));
    }

    @Override
    public Optional<TaskStateChange> finished(String taskId) {
        return Optional.ofNullable(finished.get(taskId)).map(Finished::report);
    }

    @Override
    public void pruneFinished(Instant before) {
        finished.values().removeIf(f -> f.at().isBefore(before));
    }

    /** How many tasks are recorded and not finished with. */
    public int size() {
        return tasks.size();
    }
}
