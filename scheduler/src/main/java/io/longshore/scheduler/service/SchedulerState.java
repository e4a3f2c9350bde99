package io.longshore.scheduler.service;

import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.scheduler.capacity.ClusterCapacityReporter;
import io.longshore.scheduler.deployment.ReconcileOutcome;
import io.longshore.scheduler.deployment.ServiceReconciler;
import io.longshore.scheduler.deployment.ServiceRuntime;
import io.longshore.scheduler.state.ClusterState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The scheduler's views of all clusters and their services, fed by the state topics and changed
 * by decisions. One monitor serialises the feed and the decisions, so a decision always sees every
 * fact applied before it. A second lock spans a decision and its publication: a rebalance waits on
 * it, so a cluster is handed over only between decisions. Decisions wait until the feed has
 * replayed the state topics once: placing before that could over-commit an instance whose tasks
 * are not yet known.
 */
@ApplicationScoped
public class SchedulerState {
    private static final Logger LOG = Logger.getLogger(SchedulerState.class);
    private final Map<String, ClusterState> clusters = new HashMap<>();
    private final Map<String, Map<String, ServiceRuntime>> services = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final ReentrantLock deciding = new ReentrantLock();
    private final TaskRequestHandler handler;
    private final ServiceReconciler reconciler;
    private final LostInstanceSweeper sweeper;
    private final ClusterOwnership ownership;
    private final ClusterCapacityReporter capacityReporter;
    private final Clock clock;

    public SchedulerState(TaskRequestHandler handler, ServiceReconciler reconciler, LostInstanceSweeper sweeper,
                          ClusterOwnership ownership, ClusterCapacityReporter capacityReporter, Clock clock) {
        this.handler = handler;
        this.reconciler = reconciler;
        this.sweeper = sweeper;
        this.ownership = ownership;
        this.capacityReporter = capacityReporter;
        this.clock = clock;
    }

    /** What one round of reconciling a cluster decided, to publish in this order. */
    public record ClusterDecisions(List<SchedulerAction> actions, List<ServiceStatus> statuses,
                                   List<ServiceEvent> events, List<ClusterCapacity> capacities) {
        public ClusterDecisions(List<SchedulerAction> actions, List<ServiceStatus> statuses, List<ServiceEvent> events) {
            this(actions, statuses, events, List.of());
        }

        public boolean isEmpty() {
            return actions.isEmpty() && statuses.isEmpty() && events.isEmpty() && capacities.isEmpty();
        }
    }

    public synchronized void apply(InstanceState instance) {
        cluster(instance.cluster()).applyInstance(instance, clock.instant());
    }

    public synchronized void apply(TaskStateChange change) {
        cluster(change.cluster()).applyReport(change);
    }

    public synchronized void apply(ServiceSpec spec) {
        service(spec.cluster(), spec.serviceName()).spec(spec);
    }

    /**
     * A status read back from the topic. While this scheduler decides for the cluster its own
     * status is newer than anything on the topic; otherwise the topic's is the one to carry on from.
     */
    public synchronized void apply(ServiceStatus status) {
        ServiceRuntime runtime = service(status.cluster(), status.serviceName());
        if (runtime.status() == null || !ownership.decides(status.cluster())) {
            runtime.status(status);
        }
    }

    public synchronized List<SchedulerAction> decide(TaskRequest request) {
        return handler.handle(request, cluster(request.cluster()));
    }

    /**
     * Declares lost hosts' tasks stopped, tries the tasks waiting in PROVISIONING again, reconciles
     * every service of the cluster, and then says what each capacity provider's part of it holds and
     * lacks (when that changed, or has not been said for a while).
     */
    public synchronized ClusterDecisions reconcile(String cluster) {
        ClusterState state = cluster(cluster);
        List<SchedulerAction> actions = new ArrayList<>(sweeper.sweep(cluster, state));
        try {
            actions.addAll(handler.placeWaiting(state));
        } catch (RuntimeException e) {
            // the services of the cluster are still reconciled; waiting tasks are tried again next round
            LOG.errorf(e, "placing the waiting tasks of cluster %s failed; trying again next round", cluster);
        }
        List<ServiceStatus> statuses = new ArrayList<>();
        List<ServiceEvent> events = new ArrayList<>();
        for (ServiceRuntime runtime : services.getOrDefault(cluster, Map.of()).values()) {
            if (runtime.spec() == null) {
                continue;
            }
            ServiceStatus before = runtime.status();
            ReconcileOutcome outcome;
            try {
                outcome = reconciler.reconcile(runtime, state);
            } catch (RuntimeException e) {
                // one broken service must not stop the others of its cluster
                LOG.errorf(e, "reconciling service %s of cluster %s failed; trying again next round",
                        runtime.spec().serviceName(), cluster);
                continue;
            }
            actions.addAll(outcome.actions());
            events.addAll(outcome.events());
            if (runtime.takeSpecUnanswered() || !outcome.status().equals(before)) {
                statuses.add(outcome.status());
            }
        }
        List<ClusterCapacity> capacities = capacityReporter.due(cluster, state, daemonGroups(cluster));
        return new ClusterDecisions(actions, statuses, events, capacities);
    }

    /** The task groups of the cluster's DAEMON services: their tasks do not keep a host from scale-in. */
    private Set<String> daemonGroups(String cluster) {
        return services.getOrDefault(cluster, Map.of()).values().stream()
                .map(ServiceRuntime::spec)
                .filter(spec -> spec != null && ServiceSpec.DAEMON.equals(spec.schedulingStrategy()))
                .map(spec -> ServiceSpec.group(spec.serviceName()))
                .collect(Collectors.toSet());
    }

    /** The clusters known, for the reconciliation loop to pick its own from. */
    public synchronized List<String> clusterNames() {
        return List.copyOf(clusters.keySet());
    }

    public synchronized int instanceCount() {
        return clusters.values().stream().mapToInt(c -> c.instances().size()).sum();
    }

    private ClusterState cluster(String name) {
        return clusters.computeIfAbsent(name, n -> new ClusterState());
    }

    private ServiceRuntime service(String cluster, String name) {
        cluster(cluster);
        return services.computeIfAbsent(cluster, c -> new LinkedHashMap<>()).computeIfAbsent(name, n -> new ServiceRuntime());
    }

    /** Runs a decision and its publication as one step with respect to rebalances. */
    public <T> T deciding(Supplier<T> decisionAndPublication) {
        deciding.lock();
        try {
            return decisionAndPublication.get();
        } finally {
            deciding.unlock();
        }
    }

    /** Runs something (a hand-over) between decisions. */
    public void whileNotDeciding(Runnable runnable) {
        deciding(() -> {
            runnable.run();
            return null;
        });
    }

    public void markCaughtUp() {
        caughtUp.countDown();
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }
}
