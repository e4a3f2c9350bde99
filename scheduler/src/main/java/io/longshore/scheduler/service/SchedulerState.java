package io.longshore.scheduler.service;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.scheduler.state.ClusterState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler's views of all clusters, fed by the state topics and changed by decisions. One
 * lock serialises the feed and the decisions, so a decision always sees every fact applied before
 * it. Decisions wait until the feed has replayed the state topics once: placing before that
 * could over-commit an instance whose tasks are not yet known.
 */
@ApplicationScoped
public class SchedulerState {
    private final Map<String, ClusterState> clusters = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final TaskRequestHandler handler;

    public SchedulerState(TaskRequestHandler handler) {
        this.handler = handler;
    }

    public synchronized void apply(InstanceState instance) {
        cluster(instance.cluster()).applyInstance(instance);
    }

    public synchronized void apply(TaskStateChange change) {
        cluster(change.cluster()).applyReport(change);
    }

    public synchronized List<SchedulerAction> decide(TaskRequest request) {
        return handler.handle(request, cluster(request.cluster()));
    }

    public synchronized int instanceCount() {
        return clusters.values().stream().mapToInt(c -> c.instances().size()).sum();
    }

    private ClusterState cluster(String name) {
        return clusters.computeIfAbsent(name, n -> new ClusterState());
    }

    public void markCaughtUp() {
        caughtUp.countDown();
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return caughtUp.await(timeout, unit);
    }
}
