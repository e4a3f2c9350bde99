package io.longshore.agent.simulation;

import io.longshore.agent.instance.InstanceAttributes;
import io.longshore.agent.metrics.UsageReporter;
import io.longshore.agent.task.StateReporter;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.model.InstanceResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Many simulated container instances in one process. Each host is the real task supervisor over a
 * simulated engine, and says what a real agent says over the same topics: Registered, Heartbeat,
 * task state. What thousands of hosts share, so that a host costs little more than its objects:
 * one bounded pool for every task lane, two timer threads for every heartbeat (staggered over the
 * interval), every container watch pass and every start delay, and one command consumer
 * (outside, calling {@link #dispatch}). No thread sleeps for a task and nothing is written to disk. Instance ids derive from the cluster and the host's name, so a restarted
 * fleet registers the same instances again.
 */
public final class SimulatedFleet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SimulatedFleet.class);
    /** Registrations awaiting the broker's ack at once: enough to fill the pipe, few enough for the emitter's buffer. */
    static final int REGISTRATIONS_IN_FLIGHT = 128;
    /** Lanes running at once: each mostly awaits an ack of a few ms, so 64 carry thousands of reports a second. */
    static final int LANE_THREADS = 64;
    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration REGISTRATION_RETRY = Duration.ofSeconds(1);
    /**
     * How long a finished task's final report is kept to answer a redelivered command. Shorter than
     * the real agent's day: 100,000 short tasks an hour would otherwise fill the heap.
     */
    static final Duration FINISHED_RETENTION = Duration.ofMinutes(10);

    /** Where Registered and Heartbeat events go; the stage completes with the broker's acknowledgement. */
    @FunctionalInterface
    public interface InstanceEventSink {
        CompletionStage<?> send(InstanceEvent event);
    }

    /** What every simulated host shares with the real agent's configuration. */
    public record HostSettings(String bindIp, String agentVersion, List<Integer> reservedPorts, int ephemeralFrom,
                               int ephemeralTo, Duration watchInterval, Duration metricsInterval) {
    }

    /** The fleet now; {@code ready} when every host that is not lost is registered. */
    public record Status(int hosts, int registered, int lost, int runningTasks, long commands, long reportsSent,
                         boolean ready) {
    }

    private final SimulationSpec spec;
    private final HostSettings settings;
    private final InstanceEventSink events;
    private final Clock clock;
    private final InstanceResources resources;
    private final List<SimulatedHost> hosts = new ArrayList<>();
    private final Map<String, SimulatedHost> byInstanceId = new HashMap<>();
    private final ExecutorService lanes;
    private final ScheduledExecutorService timers;
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final LongAdder commands = new LongAdder();
    private final LongAdder reports = new LongAdder();
    private final AtomicLong heartbeatFailures = new AtomicLong();
    private volatile long startedAtNanos;
    private volatile boolean closed;

    /** @param usageReporter where task usage goes when the lifecycle asks for usage ({@code lifecycle.usage}) */
    public SimulatedFleet(SimulationSpec spec, HostSettings settings, InstanceEventSink events, StateReporter reporter,
                          UsageReporter usageReporter, Clock clock) {
        this.spec = spec;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.resources = new InstanceResources(spec.hosts().cpu(), spec.hosts().memory(),
                List.copyOf(settings.reservedPorts()), settings.ephemeralFrom(), settings.ephemeralTo());
        AtomicInteger laneThreads = new AtomicInteger();
        // Bounded, whatever the burst: a lane blocks only while its report's ack is awaited. A fork-join
        // pool, because a lane that waits on its own pool (stopping several containers at once) makes
        // the pool add a spare thread rather than deadlock.
        this.lanes = new ForkJoinPool(LANE_THREADS, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("sim-lane-" + laneThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
        AtomicInteger timerThreads = new AtomicInteger();
        this.timers = Executors.newScheduledThreadPool(2, daemon(() -> "sim-timer-" + timerThreads.incrementAndGet()));
        String cluster = spec.cluster();
        TaskLifecycle lifecycle = spec.lifecycle();
        // the start delay is served by the fleet's timer before the host sees the command (see dispatch)
        TaskLifecycle immediateStart = new TaskLifecycle(DurationDistribution.fixed(Duration.ZERO),
                lifecycle.runDuration(), lifecycle.exitCodes(), lifecycle.startFailureRate(),
                lifecycle.healthCheckFailureRate(), lifecycle.usage());
        for (int index = 0; index < spec.hosts().count(); index++) {
            String hostname = hostname(spec.hosts().namePrefix(), index);
            String instanceId = instanceId(cluster, hostname);
            SimulatedContainerRuntime runtime = new SimulatedContainerRuntime(immediateStart, spec.seed(),
                    Integer.toString(index, 36), clock, SimulatedContainerRuntime.Sleeper.REAL);
            SimulatedHost host = new SimulatedHost(index, cluster, instanceId, hostname, attributes(spec, index), runtime,
                    settings.bindIp(), reporter, reports::increment, lanes, clock,
                    lifecycle.usage() ? usageReporter : null, spec.hosts().cpu(), spec.hosts().memory());
            hosts.add(host);
            byInstanceId.put(instanceId, host);
        }
    }

    /** Registers every host (a bounded number of acks awaited at once), then heartbeats and watches; returns at once. */
    public void start() {
        startedAtNanos = System.nanoTime();
        hosts.forEach(h -> h.supervisor.adoptAll()); // nothing to adopt in memory, but watch() waits for it
        SimulationSpec.HostLoss loss = spec.hosts().loss();
        if (loss != null) {
            timers.schedule(() -> lose(loss.share()), loss.at().toMillis(), TimeUnit.MILLISECONDS);
        }
        long watch = settings.watchInterval().toMillis();
        timers.scheduleWithFixedDelay(this::watchAll, watch, watch, TimeUnit.MILLISECONDS);
        if (spec.lifecycle().usage()) {
            long metrics = settings.metricsInterval().toMillis();
            timers.scheduleWithFixedDelay(this::sampleUsage, metrics, metrics, TimeUnit.MILLISECONDS);
        }
        timers.scheduleWithFixedDelay(this::pruneFinished, 1, 1, TimeUnit.MINUTES);
        timers.scheduleAtFixedRate(this::logSummary, SUMMARY_INTERVAL.toMillis(), SUMMARY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        Thread registration = new Thread(this::registerAll, "sim-registration");
        registration.setDaemon(true);
        registration.start();
        LOG.infof("simulated fleet: %d hosts of cluster %s (seed %d), registering", hosts.size(), spec.cluster(),
                spec.seed());
    }

    /** A command for one of the fleet's hosts; false when no live host of the fleet has that instance id. */
    public boolean dispatch(AgentCommand command) {
        SimulatedHost host = byInstanceId.get(command.containerInstanceId());
        if (host == null || host.lost || !spec.cluster().equals(command.cluster())) {
            return false;
        }
        commands.increment();
        if (command instanceof AgentCommand.StartTask start) {
            Duration delay = startDelay(start.taskId());
            if (delay.isZero()) {
                host.supervisor.onStart(start);
            } else {
                // The task's start takes this long: the host sees the command that much later, so no
                // thread sleeps through it. A StopTask meanwhile finds the task not started and says so;
                // the late StartTask then only repeats that answer, as on a real agent.
                timers.schedule(() -> startLater(host, start), delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        } else if (command instanceof AgentCommand.StopTask stop) {
            host.supervisor.onStop(stop);
        }
        return true;
    }

    /** Drawn from the seed and the task id: the same task waits the same time in every run. */
    Duration startDelay(String taskId) {
        Duration delay = spec.lifecycle().startDelay()
                .sample(new SplittableRandom(spec.seed() ^ SimulatedContainerRuntime.fnv1a(taskId + "/start")));
        return delay.compareTo(TaskLifecycle.MAX_START_DELAY) > 0 ? TaskLifecycle.MAX_START_DELAY : delay;
    }

    private void startLater(SimulatedHost host, AgentCommand.StartTask start) {
        if (host.lost) {
            return;
        }
        try {
            host.supervisor.onStart(start);
        } catch (RuntimeException e) {
            LOG.errorf(e, "simulated host %s: task %s not started", host.hostname, start.taskId());
        }
    }

    public Status status() {
        int running = 0;
        int registeredAlive = 0;
        for (SimulatedHost host : hosts) {
            if (!host.lost) {
                running += host.supervisor.runningTaskCount();
                registeredAlive += host.registered ? 1 : 0;
            }
        }
        int lostNow = lost.get();
        return new Status(hosts.size(), registered.get(), lostNow, running, commands.sum(), reports.sum(),
                registeredAlive == hosts.size() - lostNow);
    }

    /** The instance ids of the fleet's hosts, in host order. */
    public List<String> instanceIds() {
        return hosts.stream().map(h -> h.instanceId).toList();
    }

    /** The instance ids of hosts lost so far. */
    public List<String> lostInstanceIds() {
        return hosts.stream().filter(h -> h.lost).map(h -> h.instanceId).toList();
    }

    public Optional<Map<String, String>> attributesOf(String instanceId) {
        return Optional.ofNullable(byInstanceId.get(instanceId)).map(h -> h.attributes);
    }

    public String cluster() {
        return spec.cluster();
    }

    /** Stops heartbeats and watching; simulated containers vanish with the process. */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        lanes.shutdown();
        try {
            if (!lanes.awaitTermination(5, TimeUnit.SECONDS)) {
                lanes.shutdownNow();
            }
        } catch (InterruptedException e) {
            lanes.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- deterministic identity and attributes

    static String hostname(String prefix, int index) {
        return String.format("%s-%05d", prefix, index);
    }

    /** 32 hex characters, as a real agent's id, derived from the cluster and host name. */
    static String instanceId(String cluster, String hostname) {
        return UUID.nameUUIDFromBytes(("longshore-simulator/" + cluster + "/" + hostname).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    /** ECS's built-in attributes, then one value per configured attribute drawn by weight from the seed and index. */
    static Map<String, String> attributes(SimulationSpec spec, int index) {
        Map<String, String> attributes = new LinkedHashMap<>(InstanceAttributes.of(System.getProperty("os.arch"),
                Optional.empty()));
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + index);
        spec.hosts().attributes().forEach((name, values) -> attributes.put(name, values.draw(random)));
        return attributes;
    }

    /** Which hosts a loss takes: the first {@code share} of a seeded shuffle, the same every run. */
    static List<Integer> lostIndexes(long seed, int count, double share) {
        int take = (int) Math.round(share * count);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x10575L);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<Integer> chosen = new ArrayList<>(take);
        for (int i = 0; i < take; i++) {
            chosen.add(order[i]);
        }
        return chosen;
    }

    // ---------------------------------------------------------------- timers

    private void registerAll() {
        Semaphore inFlight = new Semaphore(REGISTRATIONS_IN_FLIGHT);
        for (SimulatedHost host : hosts) {
            if (closed) {
                return;
            }
            if (host.lost) {
                continue;
            }
            inFlight.acquireUninterruptibly();
            register(host, inFlight);
        }
    }

    /** @param permit released once the broker answered; null for a retry, which is not counted */
    private void register(SimulatedHost host, Semaphore permit) {
        CompletionStage<?> sent;
        try {
            sent = events.send(host.registration(settings.agentVersion(), settings.bindIp(), resources, clock.instant()));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, error) -> {
            if (permit != null) {
                permit.release();
            }
            if (closed || host.lost) {
                return;
            }
            if (error != null) {
                LOG.warnf("simulated host %s not registered (retrying in %d ms): %s", host.hostname,
                        REGISTRATION_RETRY.toMillis(), error.getMessage());
                timers.schedule(() -> register(host, null), REGISTRATION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            host.registered = true;
            startHeartbeat(host);
            if (registered.incrementAndGet() == hosts.size() - lost.get()) {
                LOG.infof("simulated fleet: all %d hosts registered in %d ms", registered.get(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos));
            }
        });
    }

    /** Each host at its own offset within the interval, so the fleet's heartbeats are an even stream. */
    private void startHeartbeat(SimulatedHost host) {
        long interval = spec.hosts().heartbeatInterval().toMillis();
        long offset = interval * host.index / hosts.size();
        host.heartbeat = timers.scheduleAtFixedRate(() -> heartbeat(host), offset == 0 ? interval : offset, interval,
                TimeUnit.MILLISECONDS);
    }

    private void heartbeat(SimulatedHost host) {
        if (host.lost) {
            return;
        }
        try {
            events.send(new InstanceEvent.Heartbeat(host.cluster, host.instanceId, host.supervisor.runningTaskCount(),
                    clock.instant())).whenComplete((ok, error) -> {
                        if (error != null) {
                            heartbeatFailures.incrementAndGet();
                        }
                    });
        } catch (RuntimeException e) {
            heartbeatFailures.incrementAndGet(); // counted, not logged: thousands a second would drown the log
        }
    }

    /**
     * A watch pass over the hosts whose containers may have changed: touched by a call since the
     * last pass, or due to exit or change health by now. The others are skipped, so that 100,000
     * forever tasks cost nothing between commands.
     */
    private void watchAll() {
        Instant now = clock.instant();
        for (SimulatedHost host : hosts) {
            if (host.lost || (!host.runtime.takeCalledSinceLastLook() && now.isBefore(host.watchDue))) {
                continue;
            }
            try {
                host.supervisor.watch();
                Instant next = host.runtime.nextChangeAfter(now);
                host.watchDue = next == null ? Instant.MAX : next;
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: log and carry on
                LOG.warnf("simulated host %s: cannot check containers: %s", host.hostname, e.getMessage());
            }
        }
    }

    private void pruneFinished() {
        Instant before = clock.instant().minus(FINISHED_RETENTION);
        hosts.forEach(host -> host.store.pruneFinished(before));
    }

    private void sampleUsage() {
        for (SimulatedHost host : hosts) {
            if (!host.lost && host.usage != null) {
                host.usage.sampleAndReport();
            }
        }
    }

    private void lose(double share) {
        List<Integer> chosen = lostIndexes(spec.seed(), hosts.size(), share);
        for (int index : chosen) {
            SimulatedHost host = hosts.get(index);
            host.lost = true;
            if (host.heartbeat != null) {
                host.heartbeat.cancel(false);
            }
            if (host.registered) {
                registered.decrementAndGet();
            }
        }
        lost.set(chosen.size());
        LOG.infof("simulated fleet: %d of %d hosts lost (no more heartbeats, commands ignored)", chosen.size(),
                hosts.size());
    }

    private void logSummary() {
        Status status = status();
        LOG.infof("simulated fleet: %d/%d hosts registered, %d lost, %d tasks running, %d commands, %d reports sent,"
                        + " %d heartbeats failed", status.registered(), status.hosts(), status.lost(),
                status.runningTasks(), status.commands(), status.reportsSent(), heartbeatFailures.get());
    }

    private static java.util.concurrent.ThreadFactory daemon(Supplier<String> name) {
        return r -> {
            Thread t = new Thread(r, name.get());
            t.setDaemon(true);
            return t;
        };
    }
}
