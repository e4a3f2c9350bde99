package io.longshore.benchmarks.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.messaging.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A benchmark, not a test: event-to-task latency of the running stack. Registers a task definition
 * (busybox, {@code sleep 2}), a rule on the default bus and an ECS target, follows
 * {@code longshore.task-requests} and {@code longshore.task-state} from their ends, then sends
 * events one per PutEvents call at a fixed rate and measures, per event, from just before its
 * PutEvents call (t0, {@link System#currentTimeMillis()}) to the Kafka timestamps of its task's
 * first PENDING report (placed by the scheduler) and first RUNNING report (the agent's, once the
 * container runs). All on one machine, so one clock. For the breakdown it also notes when the event
 * reached {@code longshore.events}, when the PlaceTasks request and the agent's StartTask were
 * written, and (with {@code --docker-events}) when Docker reported the container created and started.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.longshore.benchmarks.events.EventLatency \
 *     [--api http://127.0.0.1:8080] [--bootstrap 127.0.0.1:19092] [--events 1000] [--rate 1]
 *     [--warmup 20] [--rule NAME] [--family NAME] [--timeout 120] [--settle 5] [--out FILE]
 *     [--docker-events FILE]
 * </pre>
 *
 * Every option can also be given as a system property {@code -Dbench.<option>=value}. Prints the
 * figures and writes them as JSON to {@code --out} (default
 * {@code benchmarks/results/events-<UTC timestamp>.json}), and one line per event next to it
 * ({@code .csv}). Warm-up events run through the same rule but are not counted. Exits 0 when every event started exactly
 * one task that reached RUNNING, 1 otherwise (whether the latency targets are met does not change
 * the exit code).
 */
public final class EventLatency {
    static final String SOURCE = "bench.events";
    static final long TARGET_PLACED_P99_MS = 100;
    static final long TARGET_RUNNING_P99_MS = 2_000;

    /** One PutEvents call: t0 just before it, its answer (event id) and how long the call took. */
    static final class Sent {
        final int n;
        final boolean warmup;
        long t0;
        long callNanos;
        String eventId;
        String error;

        Sent(int n, boolean warmup) {
            this.n = n;
            this.warmup = warmup;
        }
    }

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String api;

    private EventLatency(Map<String, String> options) {
        this.options = options;
        this.api = option("api", "http://127.0.0.1:8080").replaceAll("/+$", "");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("EventLatency [--api URL] [--bootstrap HOST:PORT] [--events N] [--rate PER_S]"
                        + " [--warmup N] [--rule NAME] [--family NAME] [--timeout S] [--settle S] [--out FILE]"
                        + " [--docker-events FILE]");
                return;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            options.put(name, value);
        }
        System.exit(new EventLatency(options).run() ? 0 : 1);
    }

    private String option(String name, String defaultValue) {
        String value = options.get(name);
        if (value == null) {
            value = System.getProperty("bench." + name);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private int intOption(String name, int defaultValue, int min) {
        int value = Integer.parseInt(option(name, Integer.toString(defaultValue)));
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", not " + value);
        }
        return value;
    }

    private boolean run() throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String bootstrap = option("bootstrap", "127.0.0.1:19092");
        int events = intOption("events", 1000, 1);
        int warmup = intOption("warmup", 20, 0);
        double rate = Double.parseDouble(option("rate", "1"));
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        String rule = option("rule", "bench-events-" + stamp.toLowerCase(Locale.ROOT));
        String family = option("family", rule);
        String runId = rule; // detail.run of this run's events, which only this run's rule matches
        int timeoutSeconds = intOption("timeout", 120, 1);
        int settleSeconds = intOption("settle", 5, 0);
        Path out = Path.of(option("out", "benchmarks/results/events-" + stamp + ".json"));
        String loadBefore = loadAverage();
        // the machine's 1-minute load average every 5 s while the run lasts (other work on the machine shows here)
        List<Double> loads = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            try {
                loads.add(Double.parseDouble(loadAverage().split(" ")[0]));
            } catch (RuntimeException e) {
                // no /proc/loadavg: no samples
            }
        }, 0, 5, TimeUnit.SECONDS);

        // the rule matches only this run's events: no other rule's leftovers, no other run's events
        log("task definition %s, rule %s (source %s, detail.run %s), %d events (+%d warm-up) at %s/s",
                family, rule, SOURCE, runId, events, warmup, rate);
        call("POST", "/v1/task-definitions", """
                {"family": "%s", "containerDefinitions": [{"name": "main", "image": "longshore/busybox:latest",
                 "memory": 32, "stopTimeout": 2, "command": ["sleep", "2"]}]}""".formatted(family));
        call("PUT", "/v1/event-buses/default/rules/" + rule, """
                {"EventPattern": {"source": ["%s"], "detail-type": ["Tick"], "detail": {"run": ["%s"]}},
                 "Description": "benchmarks/run-events.sh: event-to-task latency (delete me)"}""".formatted(SOURCE, runId));
        call("PUT", "/v1/event-buses/default/rules/" + rule + "/targets", """
                {"Targets": [{"Id": "run", "Arn": "default", "EcsParameters": {"TaskDefinitionArn": "%s"}}]}"""
                .formatted(family));

        List<Sent> sent = new ArrayList<>(warmup + events);
        long sendStart;
        long lastSend = 0;
        long sendEnd;
        try (TaskTracker tracker = new TaskTracker(bootstrap, rule, SOURCE)) {
            log("following longshore.task-requests, .task-state, .events and .agent-commands from their ends; sending");
            long periodNanos = (long) (1e9 / rate);
            List<CompletableFuture<Void>> calls = new ArrayList<>(warmup + events);
            sendStart = System.currentTimeMillis();
            long origin = System.nanoTime();
            for (int i = 0; i < warmup + events; i++) {
                // a fixed schedule (not a fixed delay): call i goes at origin + i × period
                long due = origin + i * periodNanos;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                Sent s = new Sent(i, i < warmup);
                sent.add(s);
                calls.add(putEvent(s, runId));
                lastSend = s.t0;
                if ((i + 1) % 100 == 0) {
                    tracker.check();
                    log("sent %d/%d", i + 1, warmup + events);
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            sendEnd = System.currentTimeMillis();
            log("all %d PutEvents answered in %.1f s; waiting for the tasks (up to %d s)", sent.size(),
                    (sendEnd - sendStart) / 1000.0, timeoutSeconds);

            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
            long lastLog = 0;
            while (true) {
                tracker.check();
                long pending = sent.stream().filter(s -> s.eventId != null)
                        .filter(s -> tracker.tasksOf(s.eventId).stream().noneMatch(t -> t.runningAt != 0 || t.stoppedAt != 0))
                        .count();
                if (pending == 0 || System.currentTimeMillis() > deadline) {
                    if (pending > 0) {
                        log("timed out: %d events without a RUNNING (or STOPPED) task", pending);
                    }
                    break;
                }
                if (System.currentTimeMillis() - lastLog > 5_000) {
                    log("%d events still without a running task", pending);
                    lastLog = System.currentTimeMillis();
                }
                Thread.sleep(100);
            }
            // duplicates would come as further PlaceTasks requests: give them a moment to show
            Thread.sleep(settleSeconds * 1000L);
            tracker.check();

            Map<String, long[]> docker = dockerEvents(option("docker-events", null));
            Report report = new Report(sent, tracker, docker);
            ObjectNode json = Json.MAPPER.createObjectNode();
            ObjectNode runNode = json.putObject("run");
            runNode.put("utc", stamp);
            runNode.put("api", api);
            runNode.put("bootstrap", bootstrap);
            runNode.put("rule", rule);
            runNode.put("family", family);
            runNode.put("events", events);
            runNode.put("warmupEvents", warmup);
            runNode.put("ratePerSecond", rate);
            runNode.put("achievedRatePerSecond", round1((warmup + events - 1) * 1000.0 / Math.max(1, lastSend - sendStart)));
            runNode.put("task", "longshore/busybox:latest, sleep 2, 32 MiB");
            runNode.put("cpus", Runtime.getRuntime().availableProcessors());
            runNode.put("loadAverageBefore", loadBefore);
            runNode.put("loadAverageAfter", loadAverage());
            sampler.shutdownNow();
            List<Double> sorted;
            synchronized (loads) {
                sorted = loads.stream().sorted().toList();
            }
            if (!sorted.isEmpty()) {
                ObjectNode l = runNode.putObject("load1During");
                l.put("samples", sorted.size());
                l.put("min", sorted.get(0));
                l.put("median", sorted.get(sorted.size() / 2));
                l.put("p90", sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.9 * sorted.size()) - 1)));
                l.put("max", sorted.get(sorted.size() - 1));
                l.put("mean", Math.round(sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 100) / 100.0);
            }
            runNode.put("kafkaTimestampTypes", String.join(",", tracker.timestampTypes()));
            runNode.put("kafkaRecordsRead", tracker.records());
            json.set("counts", report.counts());
            json.set("latencyMs", report.latencies());
            ObjectNode targets = json.putObject("targets");
            long placedP99 = report.eventToPlaced.percentile(99);
            long runningP99 = report.eventToRunning.percentile(99);
            targets.put("eventToPlacedP99Ms", TARGET_PLACED_P99_MS);
            targets.put("eventToPlacedMet", report.eventToPlaced.size() > 0 && placedP99 <= TARGET_PLACED_P99_MS);
            targets.put("eventToRunningP99Ms", TARGET_RUNNING_P99_MS);
            targets.put("eventToRunningMet", report.eventToRunning.size() > 0 && runningP99 <= TARGET_RUNNING_P99_MS);
            json.set("failures", report.failures());

            Files.createDirectories(out.toAbsolutePath().getParent());
            Path csv = Path.of(out.toString().replaceFirst("\\.json$", "") + ".csv");
            Files.writeString(csv, perEvent(sent, tracker));
            Files.writeString(out, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
            System.out.print(report.text(json));
            log("results: %s (figures), %s (per event)", out, csv);
            return report.clean();
        }
    }

    /**
     * One line per event, times in ms after the event's t0 (empty: not seen): when the event was on
     * {@code longshore.events}, its PlaceTasks request, PENDING, StartTask and RUNNING.
     */
    private static String perEvent(List<Sent> sent, TaskTracker tracker) {
        StringBuilder b = new StringBuilder("n,warmup,t0_epoch_ms,put_ms,event_id,tasks,task_id,on_events,place_tasks,"
                + "pending,start_task,running,stopped\n");
        for (Sent s : sent) {
            List<TaskTracker.Task> tasks = s.eventId == null ? List.of() : tracker.tasksOf(s.eventId);
            TaskTracker.Task task = tasks.isEmpty() ? null : tasks.get(0);
            long logged = s.eventId == null ? 0 : tracker.eventLoggedAt(s.eventId);
            b.append(s.n).append(',').append(s.warmup).append(',').append(s.t0).append(',')
                    .append(TimeUnit.NANOSECONDS.toMillis(s.callNanos)).append(',')
                    .append(s.eventId == null ? "" : s.eventId).append(',').append(tasks.size()).append(',')
                    .append(task == null ? "" : task.taskId).append(',').append(after(s.t0, logged));
            for (long at : task == null ? new long[5]
                    : new long[] {task.requestedAt, task.placedAt, task.commandedAt, task.runningAt, task.stoppedAt}) {
                b.append(',').append(after(s.t0, at));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * The container create and start times (ms) per task id, from {@code docker events --format
     * '{{.TimeNano}} {{.Action}} {{index .Actor.Attributes "longshore.task-id"}}'} written during the
     * run (run-events.sh does); empty without the file.
     */
    static Map<String, long[]> dockerEvents(String file) throws IOException {
        Map<String, long[]> times = new HashMap<>();
        if (file == null || !Files.exists(Path.of(file))) {
            return times;
        }
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !f[0].matches("\\d+")) {
                continue;
            }
            long ms = Long.parseLong(f[0]) / 1_000_000;
            long[] t = times.computeIfAbsent(f[2], k -> new long[2]);
            if (f[1].equals("create") && t[0] == 0) {
                t[0] = ms;
            } else if (f[1].equals("start") && t[1] == 0) {
                t[1] = ms;
            }
        }
        return times;
    }

    private static String after(long t0, long at) {
        return at == 0 ? "" : Long.toString(at - t0);
    }

    private CompletableFuture<Void> putEvent(Sent s, String runId) {
        String detail = Json.write(Map.of("run", runId, "n", s.n));
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("Source", SOURCE);
        entry.put("DetailType", "Tick");
        entry.put("Detail", detail);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("Entries").add(entry);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        s.t0 = System.currentTimeMillis();
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    s.callNanos = System.nanoTime() - start;
                    if (error != null) {
                        s.error = error.toString();
                        return null;
                    }
                    if (response.statusCode() / 100 != 2) {
                        s.error = "HTTP " + response.statusCode() + ": " + response.body();
                        return null;
                    }
                    JsonNode answer = Json.read(response.body(), JsonNode.class);
                    JsonNode first = answer.path("Entries").path(0);
                    if (answer.path("FailedEntryCount").asInt(0) != 0 || !first.hasNonNull("EventId")) {
                        s.error = "failed entry: " + response.body();
                    } else {
                        s.eventId = first.get("EventId").asText();
                    }
                    return null;
                });
    }

    private String call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(parts, 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Sorted samples (ms), nearest-rank percentiles. */
    static final class Samples {
        private final List<Long> values = new ArrayList<>();
        private long[] sorted;

        void add(long value) {
            values.add(value);
            sorted = null;
        }

        int size() {
            return values.size();
        }

        private long[] sorted() {
            if (sorted == null) {
                sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            return sorted;
        }

        long percentile(double p) {
            long[] s = sorted();
            if (s.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * s.length);
            return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
        }

        ObjectNode json() {
            ObjectNode node = Json.MAPPER.createObjectNode();
            long[] s = sorted();
            node.put("n", s.length);
            if (s.length > 0) {
                node.put("min", s[0]);
                node.put("p50", percentile(50));
                node.put("p90", percentile(90));
                node.put("p99", percentile(99));
                node.put("max", s[s.length - 1]);
                node.put("mean", round1(Arrays.stream(s).average().orElse(0)));
            }
            return node;
        }
    }

    /** The figures of the measured (not warm-up) events. */
    static final class Report {
        final Samples putEvents = new Samples();
        final Samples eventToKafka = new Samples();
        final Samples kafkaToRequest = new Samples();
        final Samples eventToRequest = new Samples();
        final Samples placedToCommand = new Samples();
        final Samples commandToRunning = new Samples();
        final Samples commandToCreated = new Samples();
        final Samples createdToStarted = new Samples();
        final Samples startedToRunning = new Samples();
        final Samples eventToPlaced = new Samples();
        final Samples eventToRunning = new Samples();
        final Samples requestToPlaced = new Samples();
        final Samples placedToRunning = new Samples();
        int measured;
        int putFailed;
        int accepted;
        int lost;
        int duplicates;
        int notPlaced;
        int notRunning;
        int stoppedBeforeRunning;
        final long foreign;
        final int repeatedRequests;
        final List<String> failureSamples = new ArrayList<>();

        Report(List<Sent> sent, TaskTracker tracker, Map<String, long[]> docker) {
            Set<String> allEventIds = new HashSet<>();
            for (Sent s : sent) {
                if (s.eventId != null) {
                    allEventIds.add(s.eventId);
                }
            }
            for (Sent s : sent) {
                if (s.warmup) {
                    continue;
                }
                measured++;
                putEvents.add(TimeUnit.NANOSECONDS.toMillis(s.callNanos));
                if (s.eventId == null) {
                    putFailed++;
                    sample("event " + s.n + ": PutEvents failed: " + s.error);
                    continue;
                }
                accepted++;
                List<TaskTracker.Task> tasks = tracker.tasksOf(s.eventId);
                if (tasks.isEmpty()) {
                    lost++;
                    sample("event " + s.n + " (" + s.eventId + "): no task");
                    continue;
                }
                if (tasks.size() > 1) {
                    duplicates++;
                    sample("event " + s.n + " (" + s.eventId + "): " + tasks.size() + " tasks: "
                            + tasks.stream().map(t -> t.taskId).toList());
                }
                TaskTracker.Task task = tasks.get(0);
                long logged = tracker.eventLoggedAt(s.eventId);
                if (logged != 0) {
                    eventToKafka.add(logged - s.t0);
                    kafkaToRequest.add(task.requestedAt - logged);
                }
                eventToRequest.add(task.requestedAt - s.t0);
                if (task.placedAt == 0) {
                    notPlaced++;
                    sample("event " + s.n + " task " + task.taskId + ": no PENDING report"
                            + (task.stoppedAt == 0 ? "" : " (STOPPED " + task.stopCode + ": " + task.stoppedReason + ")"));
                } else {
                    eventToPlaced.add(task.placedAt - s.t0);
                    requestToPlaced.add(task.placedAt - task.requestedAt);
                }
                if (task.runningAt == 0) {
                    notRunning++;
                    if (task.stoppedAt != 0) {
                        stoppedBeforeRunning++;
                    }
                    sample("event " + s.n + " task " + task.taskId + ": no RUNNING report"
                            + (task.stoppedAt == 0 ? "" : " (STOPPED " + task.stopCode + ": " + task.stoppedReason + ")"));
                } else {
                    eventToRunning.add(task.runningAt - s.t0);
                    if (task.placedAt != 0) {
                        placedToRunning.add(task.runningAt - task.placedAt);
                    }
                    if (task.commandedAt != 0) {
                        commandToRunning.add(task.runningAt - task.commandedAt);
                    }
                    long[] container = docker.get(task.taskId);
                    if (container != null && container[0] != 0 && container[1] != 0 && task.commandedAt != 0) {
                        commandToCreated.add(container[0] - task.commandedAt);
                        createdToStarted.add(container[1] - container[0]);
                        startedToRunning.add(task.runningAt - container[1]);
                    }
                }
                if (task.placedAt != 0 && task.commandedAt != 0) {
                    placedToCommand.add(task.commandedAt - task.placedAt);
                }
            }
            foreign = tracker.foreignTasks(allEventIds);
            repeatedRequests = tracker.repeatedRequests();
            tracker.unreadable().forEach(u -> sample("unreadable record " + u));
        }

        private void sample(String failure) {
            if (failureSamples.size() < 20) {
                failureSamples.add(failure);
            }
        }

        boolean clean() {
            return putFailed == 0 && lost == 0 && duplicates == 0 && notPlaced == 0 && notRunning == 0;
        }

        ObjectNode counts() {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("measured", measured);
            node.put("putEventsFailed", putFailed);
            node.put("accepted", accepted);
            node.put("placed", eventToPlaced.size());
            node.put("running", eventToRunning.size());
            node.put("lost", lost);
            node.put("duplicates", duplicates);
            node.put("notPlaced", notPlaced);
            node.put("notRunning", notRunning);
            node.put("stoppedBeforeRunning", stoppedBeforeRunning);
            node.put("tasksOfUnknownEvents", foreign);
            node.put("repeatedPlaceTasksRequests", repeatedRequests);
            return node;
        }

        ObjectNode latencies() {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.set("putEventsCall", putEvents.json());
            node.set("eventToPlaced", eventToPlaced.json());
            node.set("eventToRunning", eventToRunning.json());
            node.set("eventToPlaceTasksRequest", eventToRequest.json());
            node.set("placeTasksRequestToPlaced", requestToPlaced.json());
            node.set("placedToRunning", placedToRunning.json());
            ObjectNode stages = node.putObject("stages");
            stages.set("1 PutEvents call -> event on longshore.events", eventToKafka.json());
            stages.set("2 event on longshore.events -> PlaceTasks on longshore.task-requests", kafkaToRequest.json());
            stages.set("3 PlaceTasks -> PENDING on longshore.task-state (scheduler)", requestToPlaced.json());
            stages.set("4 PENDING -> StartTask on longshore.agent-commands", placedToCommand.json());
            stages.set("5 StartTask -> RUNNING on longshore.task-state (agent, Docker)", commandToRunning.json());
            if (commandToCreated.size() > 0) {
                stages.set("5a StartTask -> container created (docker events: create)", commandToCreated.json());
                stages.set("5b container created -> started (docker events: start)", createdToStarted.json());
                stages.set("5c container started -> RUNNING on longshore.task-state", startedToRunning.json());
            }
            return node;
        }

        ArrayNode failures() {
            ArrayNode node = Json.MAPPER.createArrayNode();
            failureSamples.forEach(node::add);
            return node;
        }

        String text(ObjectNode json) {
            JsonNode run = json.get("run");
            JsonNode counts = json.get("counts");
            JsonNode targets = json.get("targets");
            StringBuilder b = new StringBuilder();
            b.append(String.format("%n# Event to task latency, %s%n%n", run.get("utc").asText()));
            b.append(String.format("events: %d measured (+%d warm-up), one per PutEvents call, at %s/s (achieved %s/s)%n",
                    measured, run.get("warmupEvents").asInt(), run.get("ratePerSecond").asText(),
                    run.get("achievedRatePerSecond").asText()));
            b.append(String.format("task: %s; rule %s%n", run.get("task").asText(), run.get("rule").asText()));
            b.append(String.format("machine: %d CPUs, load average %s before, %s after; Kafka timestamps %s%n",
                    run.get("cpus").asInt(), run.get("loadAverageBefore").asText(),
                    run.get("loadAverageAfter").asText(), run.get("kafkaTimestampTypes").asText()));
            JsonNode l = run.path("load1During");
            if (!l.isMissingNode()) {
                b.append(String.format("1-minute load during the run (%d samples, every 5 s): min %s, median %s, p90 %s, max %s, mean %s%n",
                        l.get("samples").asInt(), l.get("min").asText(), l.get("median").asText(), l.get("p90").asText(),
                        l.get("max").asText(), l.get("mean").asText()));
            }
            b.append('\n');
            b.append(String.format("| %-32s | %6s | %6s | %6s | %6s | %6s | %6s |%n", "latency (ms)", "n", "p50", "p90",
                    "p99", "max", "mean"));
            b.append(String.format("|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(34), "-------:", "-------:", "-------:",
                    "-------:", "-------:", "-------:"));
            row(b, "event -> placed (PENDING)", eventToPlaced);
            row(b, "event -> RUNNING", eventToRunning);
            row(b, "PutEvents call", putEvents);
            row(b, "placed -> RUNNING", placedToRunning);
            b.append(String.format("| %-32s | | | | | | |%n", "stages:"));
            row(b, "1 event -> on longshore.events", eventToKafka);
            row(b, "2 -> PlaceTasks (control plane)", kafkaToRequest);
            row(b, "3 -> PENDING (scheduler)", requestToPlaced);
            row(b, "4 PENDING -> StartTask command", placedToCommand);
            row(b, "5 StartTask -> RUNNING (agent)", commandToRunning);
            if (commandToCreated.size() > 0) {
                row(b, "5a StartTask -> docker create", commandToCreated);
                row(b, "5b docker create -> start", createdToStarted);
                row(b, "5c docker start -> RUNNING", startedToRunning);
            }
            b.append(String.format("%ntargets: p99 event -> placed %d ms <= %d ms: %s; p99 event -> RUNNING %d ms <= %d ms: %s%n",
                    eventToPlaced.percentile(99), TARGET_PLACED_P99_MS,
                    targets.get("eventToPlacedMet").asBoolean() ? "met" : "NOT met",
                    eventToRunning.percentile(99), TARGET_RUNNING_P99_MS,
                    targets.get("eventToRunningMet").asBoolean() ? "met" : "NOT met"));
            b.append(String.format("counts: accepted %d, placed %d, running %d, lost (no task) %d, duplicates %d,"
                            + " not placed %d, not running %d (stopped before running %d), PutEvents failed %d,"
                            + " tasks of unknown events %d, repeated PlaceTasks %d%n",
                    accepted, counts.get("placed").asInt(), counts.get("running").asInt(), lost, duplicates, notPlaced,
                    notRunning, stoppedBeforeRunning, putFailed, foreign, repeatedRequests));
            failureSamples.forEach(f -> b.append("  ").append(f).append('\n'));
            return b.toString();
        }

        private static void row(StringBuilder b, String name, Samples s) {
            if (s.size() == 0) {
                b.append(String.format("| %-32s | %6d | %6s | %6s | %6s | %6s | %6s |%n", name, 0, "-", "-", "-", "-", "-"));
                return;
            }
            JsonNode j = s.json();
            b.append(String.format("| %-32s | %6d | %6d | %6d | %6d | %6d | %6.1f |%n", name, s.size(), j.get("p50").asLong(),
                    j.get("p90").asLong(), j.get("p99").asLong(), j.get("max").asLong(), j.get("mean").asDouble()));
        }
    }
}
