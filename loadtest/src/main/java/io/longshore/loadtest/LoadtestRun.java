package io.longshore.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.messaging.Json;
import io.longshore.loadtest.cpu.ProcessCpuSampler;
import io.longshore.loadtest.invariant.InvariantChecks;
import io.longshore.loadtest.invariant.InvariantResult;
import io.longshore.loadtest.io.Fleet;
import io.longshore.loadtest.io.HttpTransport.ApiResponse;
import io.longshore.loadtest.io.JdkHttpTransport;
import io.longshore.loadtest.io.LongshoreClient;
import io.longshore.loadtest.io.SchedulerLagProbe;
import io.longshore.loadtest.io.SimulatedFleetProcess;
import io.longshore.loadtest.io.TaskStateRecorder;
import io.longshore.loadtest.recording.AcceptedTask;
import io.longshore.loadtest.recording.CpuSample;
import io.longshore.loadtest.recording.LagSample;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.RecordingWindow;
import io.longshore.loadtest.report.ConsoleSummary;
import io.longshore.loadtest.report.LoadtestReport;
import io.longshore.loadtest.report.ProgressLine;
import io.longshore.loadtest.report.ReportBuilder;
import io.longshore.loadtest.report.ReportWriter;
import io.longshore.loadtest.report.RunInfo;
import io.longshore.loadtest.scenario.Scenario;
import io.longshore.loadtest.scenario.ScenarioLoader;
import io.longshore.loadtest.workload.RequestGate;
import io.longshore.loadtest.workload.WorkloadDriver;
import io.longshore.loadtest.workload.WorkloadLedger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run, start to end: scenario → fresh cluster and task definitions (and event rules) → fleet
 * → recorder → workload → stop when settled or at the duration → invariants → report.
 */
public final class LoadtestRun {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String EVENT_BUS = "default";
    /** How long the cluster must be quiet (no task report) before a finished workload counts as settled. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int MAX_WAITING_LOOKUPS = 200;
    private static final int MAX_RULE_TASK_LOOKUPS = 5_000;

    private final CommandLine command;
    private final Clock clock;
    private final PrintStream out;

    public LoadtestRun(CommandLine command, Clock clock, PrintStream out) {
        this.command = command;
        this.clock = clock;
        this.out = out;
    }

    /** @return whether every checked invariant held */
    public boolean run() throws SetupException, InterruptedException {
        Path scenarioFile = ScenarioLoader.resolve(command.scenario(),
                List.of(Path.of("loadtest", "scenarios"), Path.of("scenarios")));
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        String scenarioSource = read(scenarioFile);
        Instant startedAt = clock.instant();
        String runId = RUN_ID.format(startedAt);
        // a fresh cluster per run, so a rerun never meets an old run's tasks; existing hosts sit in the named one
        String cluster = command.noFleet() ? scenario.cluster() : scenario.cluster() + "-" + runId;
        Path results = command.results().orElse(Path.of(".longshore", "loadtest-results", scenario.name() + "-" + runId));
        out.printf("loadtest %s: cluster %s, %d hosts, results in %s%n", scenario.name(), cluster, scenario.hostCount(), results);

        LongshoreClient api = new LongshoreClient(new JdkHttpTransport(command.api(), Duration.ofSeconds(30)));
        String clusterArn = setupCluster(api, cluster);
        Map<String, String> arns = registerTaskDefinitions(api, scenario);
        try {
            Files.createDirectories(results); // only once the API answered: a failed setup leaves no empty folder
        } catch (IOException e) {
            throw new SetupException("cannot create the results folder " + results + ": " + e.getMessage(), e);
        }

        WorkloadLedger ledger = new WorkloadLedger();
        RequestGate gate = new RequestGate(scenario.limits().concurrency(), scenario.limits().maxRequests());
        List<LagSample> lag = new CopyOnWriteArrayList<>();
        String eventSource = "longshore.loadtest." + runId;
        List<String> rules = new ArrayList<>();
        TaskStateRecorder recorder;
        try {
            recorder = new TaskStateRecorder(command.kafka(), cluster, command.noFleet());
            recorder.start();
        } catch (RuntimeException e) {
            throw new SetupException("cannot read Kafka at " + command.kafka() + ": " + e.getMessage(), e);
        }
        Fleet fleet = command.noFleet() ? Fleet.existing()
                : new SimulatedFleetProcess(command.agentJar(), results, command.kafka(), cluster, scenario);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-lag-sampler");
            t.setDaemon(true);
            return t;
        });
        SchedulerLagProbe lagProbe = new SchedulerLagProbe(command.kafka(), cluster);
        // its own thread: the lag probe may wait seconds on Kafka, the CPU readings should stay a second apart
        ScheduledExecutorService cpuSampling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-cpu-sampler");
            t.setDaemon(true);
            return t;
        });
        Optional<ProcessCpuSampler> cpuSampler = ProcessCpuSampler.ofThisMachine();
        List<CpuSample> cpu = new CopyOnWriteArrayList<>();
        Instant workloadStart;
        Instant end;
        String stopReason;
        Map<String, String> waiting;
        try {
            for (Scenario.EventStream stream : scenario.events()) {
                rules.add(setupRule(api, stream, runId, eventSource, clusterArn, arns));
            }
            try {
                fleet.start();
            } catch (IOException e) {
                throw new SetupException("cannot start the simulated fleet: " + e.getMessage(), e);
            }
            waitForHosts(api, cluster, scenario.hostCount(), recorder, fleet, results);

            workloadStart = clock.instant();
            sampler.scheduleAtFixedRate(() -> lag.add(new LagSample(clock.instant(), lagProbe.lag(),
                    oldestUnplacedMillis(ledger, recorder))), 0, 1, TimeUnit.SECONDS);
            cpuSampler.ifPresent(s -> cpuSampling.scheduleAtFixedRate(() -> sampleCpu(s, cpu), 0, 1, TimeUnit.SECONDS));
            WorkloadDriver driver = new WorkloadDriver(scenario, api, cluster, arns, EVENT_BUS, eventSource, runId,
                    gate, ledger, clock);
            CompletableFuture<Void> workloadDone = driver.start();
            stopReason = awaitEnd(scenario, workloadStart, workloadDone, ledger, recorder, fleet);
            driver.stop();
            gate.drain(10_000);
            end = clock.instant();
            sampler.shutdownNow();
            cpuSampling.shutdownNow();
            if (System.console() != null) {
                out.println();
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // let the recorder take in the last reports
            waiting = waitingAtEnd(api, cluster, ledger, recorder);
            acceptRuleStartedTasks(api, cluster, ledger, recorder);
        } finally {
            sampler.shutdownNow();
            cpuSampling.shutdownNow();
            fleet.close();
            recorder.close();
            lagProbe.close();
            for (String rule : rules) {
                cleanupRule(api, rule);
            }
        }

        Recording recording = new Recording(cluster, workloadStart, end,
                RecordingWindow.tasksStartedBy(recorder.taskEvents(), end), recorder.instances(),
                ledger.accepted(), ledger.constraintsByGroup(), ledger.failures(), waiting, new ArrayList<>(lag),
                new ArrayList<>(cpu));
        List<InvariantResult> invariants = InvariantChecks.check(scenario.invariants(), recording);
        RunInfo info = new RunInfo(runId, scenario.name(), scenario.description(), scenarioSource, cluster,
                "loadtest " + String.join(" ", command.raw()), startedAt, end, stopReason, ledger.sentCount(),
                ledger.failedCount(), gate.exhausted(), RunInfo.Machine.current(), versions());
        LoadtestReport report = ReportBuilder.build(info, scenario, recording, invariants);
        try {
            ReportWriter.write(report, results);
        } catch (IOException e) {
            throw new SetupException("cannot write the report into " + results + ": " + e.getMessage(), e);
        }
        if (!ledger.errors().isEmpty()) {
            out.println("first API errors: " + ledger.errors().subList(0, Math.min(5, ledger.errors().size())));
        }
        if (recorder.unreadable() > 0) {
            out.println("unreadable Kafka records skipped: " + recorder.unreadable());
        }
        out.print(ConsoleSummary.render(report, results.toString()));
        return report.invariantsHeld();
    }

    private String awaitEnd(Scenario scenario, Instant start, CompletableFuture<Void> workloadDone, WorkloadLedger ledger,
                            TaskStateRecorder recorder, Fleet fleet) throws SetupException {
        Instant hardStop = start.plus(scenario.duration());
        Instant workloadFinished = null;
        boolean console = System.console() != null;
        long lastPrinted = -1;
        long placedBefore = 0;
        Instant ratedAt = start;
        double rate = 0;
        while (true) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted";
            }
            Instant now = clock.instant();
            long elapsed = Duration.between(start, now).toSeconds();
            if (Duration.between(ratedAt, now).toMillis() >= 1_000) {
                long placed = recorder.placedCount();
                rate = (placed - placedBefore) * 1000.0 / Duration.between(ratedAt, now).toMillis();
                placedBefore = placed;
                ratedAt = now;
            }
            if (console || elapsed / 10 != lastPrinted / 10) {
                double fraction = (double) Duration.between(start, now).toMillis() / scenario.duration().toMillis();
                String line = ProgressLine.render(fraction, elapsed, ledger.acceptedCount(), recorder.placedCount(),
                        recorder.runningCount(), recorder.stoppedCount(), rate);
                out.print(console ? line : line.substring(1).trim() + System.lineSeparator());
                out.flush();
                lastPrinted = elapsed;
            }
            if (!fleet.alive()) {
                throw new SetupException("the simulated fleet exited early; see fleet.log");
            }
            if (!now.isBefore(hardStop)) {
                return "duration";
            }
            if (!workloadDone.isDone()) {
                continue;
            }
            if (workloadFinished == null) {
                workloadFinished = now;
            }
            // services' short tasks may churn for ever, so "quiet" is measured from the workload's end, not the last report
            boolean quiet = !now.isBefore(workloadFinished.plus(QUIET))
                    && Duration.between(recorder.lastTaskEvent(), now).toMillis() >= 500;
            boolean acceptedSettled = ledger.accepted().stream().allMatch(t -> recorder.settled(t.taskId()));
            long expectedAtLeast = ledger.acceptedCount() + ledger.eventsAcceptedCount() * eventTaskCount(scenario);
            if (quiet && acceptedSettled && recorder.allSeenSettled() && recorder.seenCount() >= expectedAtLeast) {
                return "settled";
            }
            if (!now.isBefore(workloadFinished.plus(scenario.settle()))) {
                return "settle timeout";
            }
        }
    }

    private void sampleCpu(ProcessCpuSampler sampler, List<CpuSample> into) {
        try {
            sampler.sample(clock.instant(), System.nanoTime()).ifPresent(into::add);
        } catch (RuntimeException e) {
            // a reading that fails (a /proc oddity) is skipped; thrown on, it would cancel every later one
        }
    }

    /** Tasks one event runs (the events scenarios have one stream; with several, the smallest count). */
    private static int eventTaskCount(Scenario scenario) {
        return scenario.events().stream().mapToInt(e -> e.target().taskCount()).min().orElse(0);
    }

    private static long oldestUnplacedMillis(WorkloadLedger ledger, TaskStateRecorder recorder) {
        Instant now = Instant.now();
        long oldest = 0;
        for (AcceptedTask t : ledger.accepted()) {
            if (!recorder.placedOrStopped(t.taskId())) {
                oldest = Math.max(oldest, Duration.between(t.acceptedAt(), now).toMillis());
            }
        }
        return oldest;
    }

    private String setupCluster(LongshoreClient api, String cluster) throws SetupException {
        ApiResponse created = call(api.createCluster(cluster), "CreateCluster " + cluster);
        if (created.status() == 400 || created.status() == 409) {
            created = call(api.describeCluster(cluster), "DescribeCluster " + cluster); // an existing one, with --no-fleet
        }
        require(created, "CreateCluster " + cluster);
        return created.body().path("cluster").path("clusterArn").asText(cluster);
    }

    private Map<String, String> registerTaskDefinitions(LongshoreClient api, Scenario scenario) throws SetupException {
        Map<String, String> arns = new LinkedHashMap<>();
        for (Scenario.TaskDefinitionPlan plan : scenario.taskDefinitions()) {
            ApiResponse r = require(call(api.registerTaskDefinition(plan), "RegisterTaskDefinition " + plan.family()),
                    "RegisterTaskDefinition " + plan.family());
            arns.put(plan.family(), r.body().path("taskDefinition").path("taskDefinitionArn").asText(plan.family()));
        }
        return arns;
    }

    /** A rule matching this run's source and the stream's detail type, with one ECS RunTask target. */
    private String setupRule(LongshoreClient api, Scenario.EventStream stream, String runId, String source,
                             String clusterArn, Map<String, String> arns) throws SetupException {
        String rule = ("lt-" + stream.name() + "-" + runId);
        ObjectNode pattern = Json.MAPPER.createObjectNode();
        pattern.putArray("source").add(source);
        pattern.putArray("detail-type").add(stream.detailType());
        require(call(api.putRule(EVENT_BUS, rule, pattern), "PutRule " + rule), "PutRule " + rule);
        ApiResponse targets = require(call(api.putEcsTarget(EVENT_BUS, rule, "run-task", clusterArn,
                arns.get(stream.target().taskDefinition()), stream.target()), "PutTargets " + rule), "PutTargets " + rule);
        if (targets.body().path("FailedEntryCount").asInt(0) > 0) {
            throw new SetupException("PutTargets " + rule + " refused the target: " + targets.body());
        }
        return rule;
    }

    private void cleanupRule(LongshoreClient api, String rule) {
        try {
            api.removeTarget(EVENT_BUS, rule, "run-task").get(10, TimeUnit.SECONDS);
            api.deleteRule(EVENT_BUS, rule).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("could not remove rule " + rule + ": " + e.getMessage());
        }
    }

    private void waitForHosts(LongshoreClient api, String cluster, int count, TaskStateRecorder recorder, Fleet fleet,
                              Path results) throws SetupException, InterruptedException {
        Duration timeout = Duration.ofSeconds(60).plusMillis(count * 30L);
        Instant deadline = clock.instant().plus(timeout);
        long registered = 0;
        while (clock.instant().isBefore(deadline)) {
            if (!fleet.alive()) {
                throw new SetupException("the simulated fleet exited before its hosts registered; see "
                        + results.resolve("fleet.log"));
            }
            ApiResponse r = call(api.describeCluster(cluster), "DescribeCluster " + cluster);
            registered = r.ok() ? r.body().path("cluster").path("registeredContainerInstancesCount").asLong() : 0;
            if (registered >= count && recorder.activeInstances() >= count) {
                out.printf("%d hosts registered%n", registered);
                return;
            }
            Thread.sleep(1_000); // polling an external system, not synchronising threads
        }
        throw new SetupException(registered + " of " + count + " hosts registered (recorder saw "
                + recorder.activeInstances() + " active) within " + timeout.toSeconds() + "s; see "
                + results.resolve("fleet.log"));
    }

    /**
     * Tasks the system started for an event rule were accepted too, just not by a call of ours: their
     * createdAt comes from DescribeTask, so their latencies and fate count like RunTask's. (Service
     * tasks are the scheduler's own, judged by the service, and left out.)
     */
    private void acceptRuleStartedTasks(LongshoreClient api, String cluster, WorkloadLedger ledger,
                                        TaskStateRecorder recorder) {
        if (ledger.eventsAcceptedCount() == 0) {
            return; // no rule ran anything of ours
        }
        java.util.Set<String> ours = new java.util.HashSet<>();
        ledger.accepted().forEach(t -> ours.add(t.taskId()));
        Map<String, String> groups = new LinkedHashMap<>();
        for (var e : recorder.taskEvents()) {
            var c = e.change();
            if (!ours.contains(c.taskId()) && c.allocation() != null && c.allocation().group() != null
                    && !c.allocation().group().startsWith("service:")) {
                groups.putIfAbsent(c.taskId(), c.allocation().group());
            }
        }
        Map<String, List<io.longshore.common.messaging.TaskRequest.PlacementConstraint>> byGroup = ledger.constraintsByGroup();
        int lookups = 0;
        for (Map.Entry<String, String> task : groups.entrySet()) {
            if (lookups++ >= MAX_RULE_TASK_LOOKUPS) {
                out.println("rule-started tasks beyond " + MAX_RULE_TASK_LOOKUPS + " are left out of the latencies");
                break;
            }
            try {
                JsonNode t = api.describeTask(cluster, task.getKey()).get(10, TimeUnit.SECONDS).body().path("task");
                String created = t.path("createdAt").asText(null);
                if (created == null) {
                    continue;
                }
                Instant createdAt = Instant.parse(created);
                ledger.accepted(new AcceptedTask(task.getKey(), createdAt, createdAt, "rule:" + task.getValue(),
                        byGroup.getOrDefault(task.getValue(), List.of())));
            } catch (Exception e) {
                // not described: left out of the latencies, still in every invariant but the lost-task one
            }
        }
    }

    /** Accepted tasks neither placed nor stopped: does the API show them waiting, and why. */
    private Map<String, String> waitingAtEnd(LongshoreClient api, String cluster, WorkloadLedger ledger,
                                             TaskStateRecorder recorder) {
        Map<String, String> waiting = new LinkedHashMap<>();
        int lookups = 0;
        for (AcceptedTask t : ledger.accepted()) {
            if (recorder.placedOrStopped(t.taskId()) || lookups++ >= MAX_WAITING_LOOKUPS) {
                continue;
            }
            try {
                ApiResponse r = api.describeTask(cluster, t.taskId()).get(10, TimeUnit.SECONDS);
                JsonNode task = r.body().path("task");
                String status = task.path("lastStatus").asText("");
                String reason = task.path("stoppedReason").asText("");
                if ("PROVISIONING".equals(status)) {
                    waiting.put(t.taskId(), "PROVISIONING" + (reason.isEmpty() ? "" : ": " + reason));
                } else if (!reason.isEmpty()) {
                    waiting.put(t.taskId(), status + ": " + reason);
                }
            } catch (Exception e) {
                // unknown: the invariant counts it as lost, which is what we cannot rule out
            }
        }
        return waiting;
    }

    private static ApiResponse call(CompletableFuture<ApiResponse> future, String what) throws SetupException {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException(what + " interrupted", e);
        } catch (Exception e) {
            throw new SetupException(what + " failed: is the API up? (" + e.getMessage() + ")", e);
        }
    }

    private static ApiResponse require(ApiResponse r, String what) throws SetupException {
        if (!r.ok()) {
            throw new SetupException(what + " refused: " + r.error() + " " + r.body());
        }
        return r;
    }

    private static String read(Path file) throws SetupException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SetupException("cannot read " + file, e);
        }
    }

    private static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        String own = LoadtestRun.class.getPackage().getImplementationVersion();
        v.put("longshore-loadtest", own == null ? "0.1.0-SNAPSHOT" : own);
        v.put("java", System.getProperty("java.version"));
        v.put("kafka-clients", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        return v;
    }
}
