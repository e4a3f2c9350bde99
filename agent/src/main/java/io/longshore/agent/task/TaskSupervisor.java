package io.longshore.agent.task;

import io.longshore.agent.runtime.ContainerInfo;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.ContainerRuntimeException;
import io.longshore.agent.runtime.ImagePuller;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs the tasks of one container instance: starts, watches, stops and adopts them, and reports
 * every change. Framework-free, so that any {@link ContainerRuntime} (Docker, or a simulated one)
 * can sit under it.
 *
 * <p>Each task has a lane: the work for one task (its start, its stop, a check after a container
 * exited) runs one piece at a time, in the order it arrived, on a shared pool; different tasks
 * proceed in parallel, so a 30-second stop of one task never delays another. All state of a
 * {@link TaskRun} is changed on its lane only.
 */
public final class TaskSupervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskSupervisor.class);
    static final String FAILED_TO_START = "Task failed to start";
    static final String STOPPED_BY_USER = "Task stopped by user";
    static final String REMOVED = "Container was removed outside the agent";

    private final String instanceId;
    private final String bindIp;
    private final String reporterName;
    private final ContainerRuntime runtime;
    private final ImagePuller puller;
    private final TaskStore store;
    private final StateReporter reporter;
    private final Clock clock;
    private final Executor pool;
    private final boolean ownsPool;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TaskRun> runs = new ConcurrentHashMap<>();
    private final Set<String> checksQueued = ConcurrentHashMap.newKeySet();
    private volatile boolean adopted;

    /** A supervisor with its own cached thread pool, closed with it: one agent per process. */
    public TaskSupervisor(String instanceId, String bindIp, ContainerRuntime runtime, ImagePuller puller,
                          TaskStore store, StateReporter reporter, Clock clock) {
        this(instanceId, bindIp, runtime, puller, store, reporter, clock, ownPool(), true);
    }

    /**
     * A supervisor whose lanes run on {@code sharedPool}, which it does not close: thousands of
     * simulated hosts in one process share one pool rather than each keeping threads. The pool must
     * not be bounded so tightly that every thread can be a lane waiting on a stop queued behind it.
     */
    public TaskSupervisor(String instanceId, String bindIp, ContainerRuntime runtime, ImagePuller puller,
                          TaskStore store, StateReporter reporter, Clock clock, Executor sharedPool) {
        this(instanceId, bindIp, runtime, puller, store, reporter, clock, sharedPool, false);
    }

    private TaskSupervisor(String instanceId, String bindIp, ContainerRuntime runtime, ImagePuller puller,
                           TaskStore store, StateReporter reporter, Clock clock, Executor pool, boolean ownsPool) {
        this.instanceId = instanceId;
        this.bindIp = bindIp;
        this.reporterName = "agent/" + instanceId;
        this.runtime = runtime;
        this.puller = puller;
        this.store = store;
        this.reporter = reporter;
        this.clock = clock;
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    private static ExecutorService ownPool() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "task-lane-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    // ---------------------------------------------------------------- entry points (any thread)

    /**
     * A StartTask for this instance. The task is recorded on disk before anything else happens, so
     * that a crash at any later point is finished by adoption. Idempotent: a task already known
     * (running, or finished) is only re-reported.
     */
    public void onStart(AgentCommand.StartTask command) {
        String taskId = command.taskId();
        boolean fresh = !runs.containsKey(taskId) && store.createIfAbsent(TaskRecord.of(command));
        enqueue(taskId, fresh ? () -> start(command) : () -> reReport(taskId));
    }

    /** A StopTask for this instance; recorded first, so that a stop cut short by a crash is finished on restart. */
    public void onStop(AgentCommand.StopTask command) {
        store.update(command.taskId(), record -> record.withStop(command));
        enqueue(command.taskId(), () -> stop(command));
    }

    /**
     * Takes back the tasks of a previous run of this agent (from the task files and the containers
     * found by label), reports those that ended meanwhile, and removes containers of ours that
     * belong to no task. Blocks until done; commands must not be consumed before.
     */
    public void adoptAll() {
        store.pruneFinished(clock.instant().minus(Duration.ofDays(1)));
        List<TaskRecord> records = store.all();
        List<CompletableFuture<Void>> adoptions = records.stream()
                .map(record -> enqueue(record.taskId(), () -> adopt(record)))
                .toList();
        CompletableFuture.allOf(adoptions.toArray(CompletableFuture[]::new)).join();
        removeOrphans();
        adopted = true;
        LOG.infof("adopted %d task(s) from the state directory; %d running", records.size(), runningTaskCount());
    }

    /**
     * One pass of the watcher: a task whose container stopped running, or whose health check result
     * changed, gets a check on its lane. One listing per pass; only tasks that changed are inspected.
     */
    public void watch() {
        if (!adopted) {
            return;
        }
        List<TaskRun> active = runs.values().stream().filter(r -> r.status == TaskStatus.RUNNING).toList();
        if (active.isEmpty()) {
            return;
        }
        Map<String, ContainerInfo> byId = runtime.listByLabel(Labels.CONTAINER_INSTANCE_ID, instanceId).stream()
                .collect(Collectors.toMap(ContainerInfo::id, Function.identity(), (a, b) -> a));
        for (TaskRun run : active) {
            boolean changed = run.containers.stream()
                    .filter(c -> c.status == TaskStatus.RUNNING && c.runtimeId != null)
                    .anyMatch(c -> {
                        ContainerInfo info = byId.get(c.runtimeId);
                        return info == null || !info.running() || (c.healthChecked && info.health() != c.health);
                    });
            if (changed && checksQueued.add(run.taskId())) {
                enqueue(run.taskId(), () -> check(run.taskId()));
            }
        }
    }

    public boolean isAdopted() {
        return adopted;
    }

    public int runningTaskCount() {
        return (int) runs.values().stream().filter(r -> r.status == TaskStatus.RUNNING).count();
    }

    /**
     * The tasks running now, each with the engine ids of its containers that are running (a
     * non-essential container that exited is left out). A snapshot: safe from any thread.
     */
    public List<RunningTask> runningTasks() {
        return runs.values().stream()
                .filter(r -> r.status == TaskStatus.RUNNING)
                .map(r -> new RunningTask(r.command.task(), r.containers.stream()
                        .filter(c -> c.status == TaskStatus.RUNNING && c.runtimeId != null)
                        .map(c -> c.runtimeId)
                        .toList()))
                .toList();
    }

    /** The status of a task this agent runs, if it runs it. */
    public Optional<TaskStatus> status(String taskId) {
        return Optional.ofNullable(runs.get(taskId)).map(r -> r.status);
    }

    /** Stops taking work; running containers are left running, to be adopted by the next start. */
    @Override
    public void close() {
        if (!ownsPool || !(pool instanceof ExecutorService own)) {
            return; // a shared pool is its owner's to close
        }
        own.shutdown();
        try {
            if (!own.awaitTermination(10, TimeUnit.SECONDS)) {
                own.shutdownNow();
            }
        } catch (InterruptedException e) {
            own.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- lane work

    private void start(AgentCommand.StartTask command) {
        String taskId = command.taskId();
        if (runs.containsKey(taskId)) {
            reReport(taskId);
            return;
        }
        TaskRun run = TaskRun.of(command);
        runs.put(taskId, run);
        List<ContainerPlanner.PlannedContainer> plan;
        try {
            plan = ContainerPlanner.plan(command, instanceId, bindIp);
        } catch (IllegalArgumentException e) {
            failStart(run, null, "CannotCreateContainerError: " + e.getMessage(), FAILED_TO_START);
            return;
        }
        for (ContainerPlanner.PlannedContainer planned : plan) {
            run.container(planned.name()).networkBindings = planned.networkBindings();
        }
        Set<String> ensured = new HashSet<>(); // two containers of one image: one pull
        for (ContainerPlanner.PlannedContainer planned : plan) {
            String image = planned.spec().image();
            String policy = planned.definition().imagePullPolicyOrDefault();
            if (!ensured.add(image + "|" + policy)) {
                continue;
            }
            try {
                puller.ensurePresent(image, policy, command.task().credentialFor(image).orElse(null));
            } catch (ImagePuller.ImageUnavailableException e) {
                // ECS puts the pull error in the task's stoppedReason too
                failStart(run, planned.name(), e.getMessage(), e.getMessage());
                return;
            } catch (ContainerRuntimeException e) {
                String reason = "CannotPullContainerError: " + e.getMessage();
                failStart(run, planned.name(), reason, reason);
                return;
            }
        }
        for (ContainerPlanner.PlannedContainer planned : plan) {
            ContainerRun container = run.container(planned.name());
            try {
                container.runtimeId = runtime.create(planned.spec());
                container.status = TaskStatus.PENDING;
            } catch (ContainerRuntimeException e) {
                failStart(run, planned.name(), "CannotCreateContainerError: " + e.getMessage(), FAILED_TO_START);
                return;
            }
        }
        // non-essential containers are started too: essential only says which ones end the task
        for (ContainerRun container : run.containers) {
            try {
                runtime.start(container.runtimeId);
                container.status = TaskStatus.RUNNING;
            } catch (ContainerRuntimeException e) {
                failStart(run, container.name, "CannotStartContainerError: " + e.getMessage(), FAILED_TO_START);
                return;
            }
        }
        run.startedAt = clock.instant();
        run.status = TaskStatus.RUNNING;
        store.update(taskId, TaskRecord::withStarted);
        LOG.infof("task %s started (%d container(s))", taskId, run.containers.size());
        publish(run);
    }

    private void stop(AgentCommand.StopTask command) {
        String taskId = command.taskId();
        StopCode code = command.stopCode() == null ? StopCode.UserInitiated : command.stopCode();
        String reason = command.reason() == null || command.reason().isBlank() ? STOPPED_BY_USER : command.reason();
        TaskRun run = runs.get(taskId);
        if (run == null) {
            Optional<TaskStateChange> done = store.finished(taskId);
            if (done.isPresent()) {
                reporter.report(done.get());
                return;
            }
            // Never ran here (its StartTask was lost or is late): say it is stopped, and remember it so
            // that a late StartTask does not run it.
            Instant now = clock.instant();
            Optional<AgentCommand.StartTask> start = store.load(taskId).map(TaskRecord::start);
            TaskStateChange stopped = new TaskStateChange(command.cluster(), taskId, TaskStatus.STOPPED,
                    start.map(AgentCommand.StartTask::allocation).orElse(null), List.of(), code, reason, null, null,
                    now, now, reporterName, start.map(s -> s.task().startedBy()).orElse(null), HealthStatus.UNKNOWN,
                    null);
            reporter.report(stopped);
            store.markFinished(stopped);
            store.delete(taskId);
            return;
        }
        if (run.status != TaskStatus.RUNNING) {
            return;
        }
        stopTask(run, code, reason);
    }

    /** After the watcher saw a container of the task stop running or its health change. */
    private void check(String taskId) {
        checksQueued.remove(taskId);
        TaskRun run = runs.get(taskId);
        if (run == null || run.status != TaskStatus.RUNNING) {
            return; // a requested stop got there first: it reports, not the watcher
        }
        boolean changed = false;
        List<TaskOutcome.Observation> observations = new ArrayList<>();
        for (ContainerRun container : run.containers) {
            if (container.status != TaskStatus.RUNNING) {
                observations.add(observation(container));
                continue;
            }
            Optional<ContainerInfo> info = runtime.inspect(container.runtimeId);
            if (info.isEmpty()) {
                container.status = TaskStatus.STOPPED;
                container.reason = REMOVED;
                changed = true;
            } else if (!info.get().running()) {
                container.status = TaskStatus.STOPPED;
                container.exitCode = info.get().exitCode();
                changed = true;
            } else if (container.observeHealth(info.get().health())) {
                LOG.infof("task %s: container %s is %s", taskId, container.name, container.health);
                changed = true;
            }
            observations.add(observation(container));
        }
        switch (TaskOutcome.judge(observations)) {
            case ESSENTIAL_EXITED -> {
                LOG.infof("task %s: essential container %s exited", taskId,
                        TaskOutcome.culprit(observations).map(TaskOutcome.Observation::containerName).orElse("?"));
                stopTask(run, StopCode.EssentialContainerExited, TaskOutcome.ESSENTIAL_EXITED);
            }
            case ESSENTIAL_MISSING -> stopTask(run, StopCode.EssentialContainerExited, REMOVED);
            case RUNNING -> {
                if (changed) {
                    // a non-essential container ended, or a health check result changed: the task runs
                    // on (an unhealthy task is the scheduler's to replace, not ours to stop)
                    publish(run);
                }
            }
        }
    }

    private void adopt(TaskRecord record) {
        String taskId = record.taskId();
        List<ContainerInfo> found = runtime.listByLabel(Labels.TASK_ID, taskId).stream()
                .filter(c -> instanceId.equals(c.labels().get(Labels.CONTAINER_INSTANCE_ID)))
                .toList();
        if (store.finished(taskId).isPresent()) {
            // the final report was delivered; only the clean-up was cut short
            found.forEach(c -> removeQuietly(c.id()));
            store.delete(taskId);
            return;
        }
        if (!record.started()) {
            // the start was cut short: throw away what it made, then do it again (or not, if a stop came)
            found.forEach(c -> removeQuietly(c.id()));
            if (record.stop() != null) {
                stop(record.stop());
            } else {
                start(record.start());
            }
            return;
        }
        TaskRun run = TaskRun.of(record.start());
        Map<String, List<NetworkBinding>> bindings = plannedBindings(record.start());
        List<TaskOutcome.Observation> observations = new ArrayList<>();
        List<Instant> startTimes = new ArrayList<>();
        for (ContainerRun container : run.containers) {
            container.networkBindings = bindings.getOrDefault(container.name, List.of());
            Optional<ContainerInfo> info = found.stream()
                    .filter(c -> container.name.equals(c.labels().get(Labels.CONTAINER_NAME)))
                    .findFirst()
                    .flatMap(c -> runtime.inspect(c.id()));
            if (info.isEmpty()) {
                container.status = TaskStatus.STOPPED;
                container.reason = TaskOutcome.DISAPPEARED;
            } else {
                container.runtimeId = info.get().id();
                container.status = info.get().running() ? TaskStatus.RUNNING : TaskStatus.STOPPED;
                container.exitCode = info.get().exitCode();
                if (info.get().running()) {
                    container.observeHealth(info.get().health());
                }
                if (info.get().startedAt() != null) {
                    startTimes.add(info.get().startedAt());
                }
            }
            observations.add(observation(container));
        }
        run.startedAt = startTimes.stream().min(Comparator.naturalOrder()).orElse(clock.instant());
        run.status = TaskStatus.RUNNING;
        runs.put(taskId, run);
        if (record.stop() != null) {
            AgentCommand.StopTask stop = record.stop();
            stopTask(run, stop.stopCode() == null ? StopCode.UserInitiated : stop.stopCode(),
                    stop.reason() == null || stop.reason().isBlank() ? STOPPED_BY_USER : stop.reason());
            return;
        }
        switch (TaskOutcome.judge(observations)) {
            case RUNNING -> {
                LOG.infof("task %s adopted: still running", taskId);
                publish(run);
            }
            case ESSENTIAL_EXITED -> {
                LOG.infof("task %s ended while the agent was down", taskId);
                stopTask(run, StopCode.EssentialContainerExited, TaskOutcome.ESSENTIAL_EXITED);
            }
            case ESSENTIAL_MISSING -> {
                // The task did start and its essential container is no longer there: of ECS's stop
                // codes EssentialContainerExited is the true one (TaskFailedToStart would not be); the
                // exit code is unknown and the reason says so.
                LOG.infof("task %s: its containers disappeared while the agent was down", taskId);
                stopTask(run, StopCode.EssentialContainerExited, TaskOutcome.DISAPPEARED);
            }
        }
    }

    private void removeOrphans() {
        for (ContainerInfo container : runtime.listByLabel(Labels.CONTAINER_INSTANCE_ID, instanceId)) {
            String taskId = container.labels().get(Labels.TASK_ID);
            if (taskId == null || (!runs.containsKey(taskId) && !isRecorded(taskId))) {
                LOG.infof("removing orphan container %s (task %s, no task file)", container.name(), taskId);
                removeQuietly(container.id());
            }
        }
    }

    // ---------------------------------------------------------------- shared steps

    /** STOPPING, then SIGTERM/SIGKILL to every running container, then STOPPED with exit codes; then clean up. */
    private void stopTask(TaskRun run, StopCode code, String reason) {
        run.status = TaskStatus.STOPPING;
        run.stoppingAt = clock.instant();
        run.stopCode = code;
        run.stoppedReason = reason;
        publish(run);
        List<ContainerRun> toStop = run.containers.stream()
                .filter(c -> c.runtimeId != null && c.status == TaskStatus.RUNNING)
                .toList();
        if (toStop.size() == 1) {
            stopQuietly(toStop.get(0)); // the common case: no second thread needed
        } else {
            List<CompletableFuture<Void>> stops = toStop.stream().map(c -> runAsync(() -> stopQuietly(c))).toList();
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        }
        for (ContainerRun container : run.containers) {
            if (container.runtimeId != null) {
                try {
                    Optional<ContainerInfo> info = runtime.inspect(container.runtimeId);
                    if (info.isPresent()) {
                        container.exitCode = info.get().exitCode();
                    } else if (container.reason == null) {
                        container.reason = REMOVED;
                    }
                } catch (ContainerRuntimeException e) {
                    LOG.warnf("task %s: cannot inspect container %s after stopping it: %s", run.taskId(), container.name,
                            e.getMessage());
                }
            }
            container.status = TaskStatus.STOPPED;
        }
        run.status = TaskStatus.STOPPED;
        run.stoppedAt = clock.instant();
        LOG.infof("task %s stopped (%s: %s)", run.taskId(), code, reason);
        finish(run);
    }

    private void failStart(TaskRun run, String containerName, String containerReason, String stoppedReason) {
        LOG.warnf("task %s failed to start: %s", run.taskId(), containerReason);
        for (ContainerRun container : run.containers) {
            if (container.runtimeId != null) {
                removeQuietly(container.runtimeId);
            }
            container.status = TaskStatus.STOPPED;
            if (containerName == null || containerName.equals(container.name)) {
                container.reason = containerReason;
            }
        }
        Instant now = clock.instant();
        run.status = TaskStatus.STOPPED;
        run.stopCode = StopCode.TaskFailedToStart;
        run.stoppedReason = stoppedReason;
        run.stoppingAt = now;
        run.stoppedAt = now;
        finish(run);
    }

    /**
     * Reports the final state; only once it is delivered are the containers removed and the task
     * file deleted, so a crash in between makes adoption report again rather than lose the end.
     */
    private void finish(TaskRun run) {
        TaskStateChange last = run.report(reporterName, clock.instant());
        reporter.report(last);
        store.markFinished(last);
        for (ContainerRun container : run.containers) {
            if (container.runtimeId != null) {
                removeQuietly(container.runtimeId);
            }
        }
        store.delete(run.taskId());
        runs.remove(run.taskId());
    }

    private void reReport(String taskId) {
        TaskRun run = runs.get(taskId);
        if (run != null) {
            publish(run);
        } else {
            store.finished(taskId).ifPresent(reporter::report);
        }
    }

    private void publish(TaskRun run) {
        reporter.report(run.report(reporterName, clock.instant()));
    }

    private Map<String, List<NetworkBinding>> plannedBindings(AgentCommand.StartTask command) {
        try {
            return ContainerPlanner.plan(command, instanceId, bindIp).stream()
                    .collect(Collectors.toMap(ContainerPlanner.PlannedContainer::name,
                            ContainerPlanner.PlannedContainer::networkBindings));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static TaskOutcome.Observation observation(ContainerRun container) {
        TaskOutcome.Observed observed;
        if (container.status == TaskStatus.RUNNING) {
            observed = TaskOutcome.Observed.RUNNING;
        } else if (container.runtimeId == null || Objects.equals(container.reason, REMOVED)
                || Objects.equals(container.reason, TaskOutcome.DISAPPEARED)) {
            observed = TaskOutcome.Observed.MISSING;
        } else {
            observed = TaskOutcome.Observed.EXITED;
        }
        return new TaskOutcome.Observation(container.name, container.essential, observed, container.exitCode);
    }

    private void stopQuietly(ContainerRun container) {
        try {
            runtime.stop(container.runtimeId, container.stopTimeout);
        } catch (ContainerRuntimeException e) {
            LOG.warnf("cannot stop container %s (%s): %s", container.name, container.runtimeId, e.getMessage());
        }
    }

    private void removeQuietly(String containerId) {
        try {
            runtime.remove(containerId);
        } catch (ContainerRuntimeException e) {
            LOG.warnf("cannot remove container %s: %s", containerId, e.getMessage());
        }
    }

    private boolean isRecorded(String taskId) {
        try {
            return store.isRecorded(taskId);
        } catch (IllegalArgumentException e) {
            return false; // not a task id we could have written
        }
    }

    private CompletableFuture<Void> runAsync(Runnable work) {
        try {
            return CompletableFuture.runAsync(work, pool);
        } catch (RejectedExecutionException e) {
            work.run(); // shutting down: finish this stop on the lane's own thread
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletableFuture<Void> enqueue(String taskId, Runnable work) {
        return lanes.compute(taskId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = previous.thenRunAsync(() -> guarded(id, work), pool);
            next.whenComplete((ignored, error) -> lanes.remove(id, next));
            return next;
        });
    }

    private static void guarded(String taskId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // the task file stays; adoption at the next start picks the task up again
            LOG.errorf(e, "task %s: work failed", taskId);
        }
    }
}
