package io.longshore.agent.metrics;

import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.ContainerUsage;
import io.longshore.agent.task.RunningTask;
import io.longshore.common.messaging.MetricSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Every interval, reads the usage of each running task's containers and reports one
 * {@link MetricSample.TaskUsage} per task (from its second pass on: CPU needs two readings).
 * Framework-free. Reads run in parallel, since the engine takes about a second to answer each;
 * one container that cannot be read only costs its own task this pass.
 */
public final class UsageSampler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UsageSampler.class);
    private static final int PARALLEL_READS = 8;

    private final String instanceId;
    private final Supplier<List<RunningTask>> runningTasks;
    private final ContainerRuntime runtime;
    private final UsageReporter reporter;
    private final Clock clock;
    private final int hostCpuUnits;
    private final int hostMemoryMiB;
    private final Executor reads;
    private final ScheduledExecutorService timer;
    /** Each running container's last reading; only the sampling thread touches it. */
    private final Map<String, ContainerUsage> previous = new HashMap<>();

    public UsageSampler(String instanceId, Supplier<List<RunningTask>> runningTasks, ContainerRuntime runtime,
                        UsageReporter reporter, Clock clock, int hostCpuUnits, int hostMemoryMiB) {
        this(instanceId, runningTasks, runtime, reporter, clock, hostCpuUnits, hostMemoryMiB, ownReads(),
                Executors.newSingleThreadScheduledExecutor(daemon(() -> "usage-sampler")));
    }

    /**
     * A sampler without threads of its own: its caller runs {@link #sample} on its own timer, and the
     * reads run on {@code reads} (a simulated engine answers at once, so even the calling thread will do).
     */
    public UsageSampler(String instanceId, Supplier<List<RunningTask>> runningTasks, ContainerRuntime runtime,
                        UsageReporter reporter, Clock clock, int hostCpuUnits, int hostMemoryMiB, Executor reads) {
        this(instanceId, runningTasks, runtime, reporter, clock, hostCpuUnits, hostMemoryMiB, reads, null);
    }

    private UsageSampler(String instanceId, Supplier<List<RunningTask>> runningTasks, ContainerRuntime runtime,
                         UsageReporter reporter, Clock clock, int hostCpuUnits, int hostMemoryMiB, Executor reads,
                         ScheduledExecutorService timer) {
        this.instanceId = instanceId;
        this.runningTasks = runningTasks;
        this.runtime = runtime;
        this.reporter = reporter;
        this.clock = clock;
        this.hostCpuUnits = hostCpuUnits;
        this.hostMemoryMiB = hostMemoryMiB;
        this.reads = reads;
        this.timer = timer;
    }

    private static ExecutorService ownReads() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(PARALLEL_READS, daemon(() -> "usage-read-" + threads.incrementAndGet()));
    }

    /** Samples every {@code interval}, the first time one interval from now. */
    public void start(Duration interval) {
        if (timer == null) {
            throw new IllegalStateException("this sampler has no timer: its owner calls sampleAndReport()");
        }
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::sampleAndReport, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One pass: reads every running container, returns the usage of each task that has a figure. */
    public synchronized List<MetricSample.TaskUsage> sample() {
        Instant now = clock.instant();
        List<RunningTask> tasks = runningTasks.get();
        Map<String, CompletableFuture<Optional<ContainerUsage>>> pending = new LinkedHashMap<>();
        for (RunningTask task : tasks) {
            for (String containerId : task.containerIds()) {
                pending.computeIfAbsent(containerId, id -> read(task, id));
            }
        }
        Map<String, ContainerUsage> current = new HashMap<>();
        pending.forEach((id, read) -> read.join().ifPresent(usage -> current.put(id, usage)));
        List<MetricSample.TaskUsage> usages = new ArrayList<>();
        for (RunningTask task : tasks) {
            List<UsageMath.Readings> readings = task.containerIds().stream()
                    .map(id -> new UsageMath.Readings(previous.get(id), current.get(id)))
                    .toList();
            UsageMath.task(task.task(), readings, hostCpuUnits, hostMemoryMiB).ifPresent(f -> usages.add(
                    new MetricSample.TaskUsage(task.task().cluster(), task.task().taskId(), task.task().group(),
                            instanceId, f.cpuUtilization(), f.memoryUtilization(), f.cpuUnitsUsed(),
                            f.memoryMiBUsed(), now)));
        }
        // containers no longer running are forgotten; one that could not be read keeps its last reading
        previous.keySet().retainAll(pending.keySet());
        previous.putAll(current);
        return usages;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (reads instanceof ExecutorService own && timer != null) { // only a sampler with a timer made its own reads
            own.shutdownNow();
        }
    }

    /** One pass, each task's usage reported; never throws. */
    public void sampleAndReport() {
        try {
            for (MetricSample.TaskUsage usage : sample()) {
                LOG.debugf("task %s: CPU %.1f%% (%.0f units), memory %.1f%% (%.1f MiB)", usage.taskId(),
                        usage.cpuUtilization(), usage.cpuUnitsUsed(), usage.memoryUtilization(), usage.memoryMiBUsed());
                reporter.report(usage);
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and carry on
            LOG.warnf(e, "usage sampling pass failed");
        }
    }

    private CompletableFuture<Optional<ContainerUsage>> read(RunningTask task, String containerId) {
        return CompletableFuture.supplyAsync(() -> runtime.usage(containerId), reads)
                .exceptionally(e -> {
                    LOG.warnf("cannot read the usage of container %s of task %s: %s", containerId,
                            task.task().taskId(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    return Optional.empty();
                });
    }

    private static java.util.concurrent.ThreadFactory daemon(Supplier<String> name) {
        return r -> {
            Thread t = new Thread(r, name.get());
            t.setDaemon(true);
            return t;
        };
    }
}
