package io.longshore.loadtest.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.loadtest.io.HttpTransport.ApiResponse;
import io.longshore.loadtest.io.LongshoreClient;
import io.longshore.loadtest.recording.AcceptedTask;
import io.longshore.loadtest.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends a scenario's workload through the public API: each RunTask phase, service and event
 * stream on its own thread from its {@code at} on, paced to its rate (or as fast as the gate lets
 * for a burst). Every call passes the {@link RequestGate}, so concurrency and the total stay bounded.
 */
public final class WorkloadDriver {
    private final Scenario scenario;
    private final LongshoreClient api;
    private final String cluster;
    private final Map<String, String> taskDefinitionArns;
    private final String eventSource;
    private final String eventBus;
    private final String runId;
    private final RequestGate gate;
    private final WorkloadLedger ledger;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    private long startNanos;

    /**
     * @param taskDefinitionArns registered ARN per family
     * @param eventSource        the Source this run's events carry (its rules match on it)
     */
    public WorkloadDriver(Scenario scenario, LongshoreClient api, String cluster, Map<String, String> taskDefinitionArns,
                          String eventBus, String eventSource, String runId, RequestGate gate, WorkloadLedger ledger,
                          Clock clock) {
        this.scenario = scenario;
        this.api = api;
        this.cluster = cluster;
        this.taskDefinitionArns = taskDefinitionArns;
        this.eventBus = eventBus;
        this.eventSource = eventSource;
        this.runId = runId;
        this.gate = gate;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Starts every phase; the future completes when all were sent and every answer is in. */
    public CompletableFuture<Void> start() {
        startNanos = System.nanoTime();
        for (Scenario.ServicePlan s : scenario.services()) {
            ledger.constraintsForGroup("service:" + s.name(), s.placementConstraints());
            threads.add(thread("service-" + s.name(), () -> runService(s)));
        }
        for (Scenario.EventStream e : scenario.events()) {
            Scenario.EventTargetPlan t = e.target();
            ledger.constraintsForGroup(t.group() != null ? t.group() : "family:" + t.taskDefinition(), t.placementConstraints());
            threads.add(thread("events-" + e.name(), () -> runEvents(e)));
        }
        for (Scenario.RunTaskPhase p : scenario.runTasks()) {
            threads.add(thread("runtask-" + p.name(), () -> runTasks(p)));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                for (Thread t : threads) {
                    t.join();
                }
                gate.drain(60_000);
                done.complete(null);
            } catch (InterruptedException e) {
                done.completeExceptionally(e);
            }
        }, "loadtest-workload-waiter");
        waiter.setDaemon(true);
        waiter.start();
        return done;
    }

    /** No further request is started; those in flight finish. */
    public void stop() {
        stopped = true;
        gate.close();
        threads.forEach(Thread::interrupt);
    }

    private Thread thread(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                ledger.failedCall(name, "crashed: " + e);
            }
        }, "loadtest-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void runTasks(Scenario.RunTaskPhase phase) {
        String arn = taskDefinitionArns.get(phase.taskDefinition());
        String startedBy = "loadtest/" + runId + "/" + phase.name();
        if (startedBy.length() > 128) {
            startedBy = startedBy.substring(0, 128);
        }
        int remaining = phase.total();
        for (int call = 0; remaining > 0; call++) {
            Duration offset = phase.at();
            if (phase.tasksPerSecond().isPresent()) {
                offset = offset.plusNanos((long) (call * phase.perCall() / phase.tasksPerSecond().get() * 1e9));
            }
            if (!waitUntil(offset)) {
                return;
            }
            int count = Math.min(phase.perCall(), remaining);
            remaining -= count;
            String by = startedBy;
            if (!call("RunTask", () -> api.runTask(cluster, arn, count, phase.group(), by, phase.placementConstraints(),
                    phase.placementStrategy()), sentAt -> r -> accept(phase, sentAt, r))) {
                return;
            }
        }
    }

    private void accept(Scenario.RunTaskPhase phase, Instant sentAt, ApiResponse r) {
        for (JsonNode task : r.body().path("tasks")) {
            String id = LongshoreClient.idOf(task.path("taskArn").asText(null));
            if (id == null) {
                continue;
            }
            Instant createdAt = null;
            String created = task.path("createdAt").asText(null);
            if (created != null) {
                try {
                    createdAt = Instant.parse(created);
                } catch (RuntimeException e) {
                    createdAt = null; // an odd clock format: the send time will do
                }
            }
            ledger.accepted(new AcceptedTask(id, sentAt, createdAt, phase.name(), phase.placementConstraints()));
        }
        for (JsonNode failure : r.body().path("failures")) {
            ledger.failure(failure.path("reason").asText("unknown"));
        }
    }

    private void runService(Scenario.ServicePlan service) {
        if (!waitUntil(service.at())) {
            return;
        }
        String arn = taskDefinitionArns.get(service.taskDefinition());
        if (!call("CreateService", () -> api.createService(cluster, service, arn), sentAt -> r -> { })) {
            return;
        }
        List<Scenario.DeploymentStep> steps = new ArrayList<>(service.deployments());
        steps.sort(Comparator.comparing(Scenario.DeploymentStep::at));
        for (Scenario.DeploymentStep step : steps) {
            if (!waitUntil(step.at())) {
                return;
            }
            String stepArn = step.taskDefinition().map(taskDefinitionArns::get).orElse(null);
            if (!call("UpdateService", () -> api.updateService(cluster, service.name(), stepArn,
                    step.desiredCount().orElse(null)), sentAt -> r -> { })) {
                return;
            }
        }
    }

    private void runEvents(Scenario.EventStream stream) {
        int perCall = stream.entriesPerCall();
        int sentEvents = 0;
        for (int call = 0; sentEvents < stream.total(); call++) {
            Duration offset = stream.at().plusNanos((long) (call * perCall / stream.eventsPerSecond() * 1e9));
            if (!waitUntil(offset)) {
                return;
            }
            int n = Math.min(perCall, stream.total() - sentEvents);
            List<JsonNode> details = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ObjectNode detail = stream.detail().deepCopy();
                detail.put("loadtestRun", runId).put("sequence", sentEvents + i);
                details.add(detail);
            }
            sentEvents += n;
            if (!call("PutEvents", () -> api.putEvents(eventBus, eventSource, stream.detailType(), details),
                    sentAt -> r -> ledger.eventsAccepted(n - r.body().path("FailedEntryCount").asInt(0)))) {
                return;
            }
        }
    }

    /**
     * One call through the gate. False when the gate refuses (bound spent, or stopped): the phase ends.
     * The answer is handled on the HTTP client's thread; the slot is freed once it is.
     */
    private boolean call(String what, Supplier<CompletableFuture<ApiResponse>> request,
                         java.util.function.Function<Instant, Consumer<ApiResponse>> onSuccess) {
        try {
            if (!gate.acquire()) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        ledger.sent();
        Instant sentAt = clock.instant();
        Consumer<ApiResponse> handler = onSuccess.apply(sentAt);
        CompletableFuture<ApiResponse> future;
        try {
            future = request.get();
        } catch (RuntimeException e) {
            ledger.failedCall(what, e.toString());
            gate.release();
            return true;
        }
        future.whenComplete((r, e) -> {
            try {
                if (e != null) {
                    ledger.failedCall(what, "no answer: " + e.getClass().getSimpleName());
                } else if (!r.ok()) {
                    ledger.failedCall(what, r.error());
                } else {
                    handler.accept(r);
                }
            } catch (RuntimeException handlerError) {
                ledger.failedCall(what, "unreadable answer: " + handlerError);
            } finally {
                gate.release();
            }
        });
        return true;
    }

    /** Parks until the offset from the start; false if the run was stopped meanwhile. */
    private boolean waitUntil(Duration offset) {
        long deadline = startNanos + offset.toNanos();
        while (!stopped) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return false;
    }
}
