package io.longshore.controlplane.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RunTask calls waiting for the scheduler's first report on their tasks. The task-state consumer
 * completes a task's future once the report is committed, so the caller reads it back from the
 * database. In memory: a report handled by another control-plane instance is not seen here and
 * the caller answers PROVISIONING after the wait, which is still correct.
 */
@ApplicationScoped
public class PlacementWaiters {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Registers the tasks before their request can be published, so no report can be missed. */
    public List<CompletableFuture<Void>> await(Collection<String> taskIds) {
        return taskIds.stream().map(id -> waiting.computeIfAbsent(id, k -> new CompletableFuture<>())).toList();
    }

    public void reported(String taskId) {
        CompletableFuture<Void> future = waiting.get(taskId);
        if (future != null) {
            future.complete(null);
        }
    }

    public void forget(Collection<String> taskIds) {
        taskIds.forEach(waiting::remove);
    }
}
