package io.longshore.scheduler.deployment;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Arns;
import io.longshore.common.model.CapacityProviderStrategies;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.placement.MemberOfFilter;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.PlacementResult;
import io.longshore.scheduler.placement.ScaleInSelector;
import io.longshore.scheduler.placement.ScaleInSelector.RunningTask;
import io.longshore.scheduler.service.SchedulerAction;
import io.longshore.scheduler.service.TaskRequestHandler;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.TrackedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps one service's tasks at what its spec asks, the way ECS's service scheduler does: replaces
 * tasks that stop or fail their health checks, rolls a new deployment out within
 * minimumHealthyPercent (rounded up) and maximumPercent (rounded down), moves tasks off DRAINING
 * instances, trips the circuit breaker and rolls back, runs DAEMON services on every eligible
 * instance, and relaunches tasks that keep failing to start with a growing delay. With a capacity
 * provider strategy each new task gets its provider by the strategy's base and weights; one that
 * fits on none of its provider's instances waits in PROVISIONING (and counts as the service's
 * pending task) until the provider's group has room for it.
 *
 * <p>Each call is one pass that decides from the cluster view alone (what ran, failed and stopped
 * is all in the task reports), records its own decisions in the view at once, and returns them.
 * So a new owner of the cluster, having replayed the topics, carries on where the last one left
 * off. Pure: time from the clock, task ids from the supplier.
 */
public final class ServiceReconciler {
    public static final String HEALTH_CHECK_FAILED = "Task failed container health checks";
    private static final Set<StopCode> FAILED_TO_START = Set.of(StopCode.TaskFailedToStart,
            StopCode.EssentialContainerExited);

    /**
     * @param relaunchBaseDelay the wait before relaunching after the first task that failed to start;
     *                          it doubles with each further consecutive failure
     * @param relaunchMaxDelay  the cap of that wait (ECS: 15 minutes)
     * @param eventRepeat       how long before the same event message is written again
     */
    public record Settings(Duration relaunchBaseDelay, Duration relaunchMaxDelay, Duration eventRepeat) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(5));
        }
    }

    private final PlacementEngine engine;
    private final ScaleInSelector scaleIn;
    private final Clock clock;
    private final Settings settings;
    private final Supplier<String> ids;

    public ServiceReconciler(PlacementEngine engine, ScaleInSelector scaleIn, Clock clock, Settings settings,
                             Supplier<String> ids) {
        this.engine = engine;
        this.scaleIn = scaleIn;
        this.clock = clock;
        this.settings = settings;
        this.ids = ids;
    }

    public ReconcileOutcome reconcile(ServiceRuntime runtime, ClusterState state) {
        return new Pass(runtime, state, clock.instant()).run();
    }

    /** The circuit breaker's threshold: half the desired count, rounded up, within [3, 200]. */
    static int failureThreshold(int desiredCount) {
        return Math.min(200, Math.max(3, (desiredCount + 1) / 2));
    }

    /** One reconciliation of one service. */
    private final class Pass {
        private final ServiceRuntime runtime;
        private final ServiceSpec spec;
        private final ClusterState state;
        private final Instant now;
        private final String service;
        private final List<SchedulerAction> actions = new ArrayList<>();
        private final List<ServiceEvent> events = new ArrayList<>();
        private final List<Deployment> deployments = new ArrayList<>();
        private Deployment lastCompleted;
        private String specDeploymentId;

        Pass(ServiceRuntime runtime, ClusterState state, Instant now) {
            this.runtime = runtime;
            this.spec = runtime.spec();
            this.state = state;
            this.now = now;
            this.service = spec.serviceName();
            ServiceStatus previous = runtime.status();
            if (previous != null) {
                previous.deployments().stream().map(this::withTemplate).forEach(deployments::add);
                lastCompleted = previous.lastCompleted() == null ? null : withTemplate(previous.lastCompleted());
                specDeploymentId = previous.specDeploymentId();
            }
        }

        /**
         * A deployment read back without its task template (a status published before templates were
         * carried) gets the spec's when it runs the spec's task definition; one that does not keeps none,
         * and is neither launched from nor rolled back to.
         */
        private Deployment withTemplate(Deployment d) {
            boolean repairable = d.taskTemplate() == null
                    && Objects.equals(d.taskDefinition(), spec.taskTemplate().taskDefinitionArn());
            return repairable ? d.withTaskTemplate(spec.taskTemplate()) : d;
        }

        ReconcileOutcome run() {
            startDeploymentIfNew();
            int desired;
            if (ServiceSpec.DRAINING.equals(spec.status())) {
                desired = 0;
                for (TrackedTask task : active(tasks())) {
                    stop(task, "Service " + service + " was deleted");
                }
            } else if (ServiceSpec.DAEMON.equals(spec.schedulingStrategy())) {
                desired = reconcileDaemon();
            } else {
                desired = spec.desiredCount();
                reconcileReplica(desired);
            }
            ServiceStatus status = conclude(desired);
            runtime.status(status);
            return new ReconcileOutcome(List.copyOf(actions), status, List.copyOf(events));
        }

        // ---- deployments -------------------------------------------------------------------

        private void startDeploymentIfNew() {
            if (deployments.isEmpty() || !Objects.equals(spec.deploymentId(), specDeploymentId)) {
                deployments.replaceAll(d -> d.status().equals(Deployment.PRIMARY) ? d.withStatus(Deployment.ACTIVE) : d);
                deployments.add(0, new Deployment(spec.deploymentId(), Deployment.PRIMARY,
                        spec.taskTemplate().taskDefinitionArn(), spec.taskTemplate(), spec.placementConstraints(),
                        spec.desiredCount(), 0, 0, 0, Deployment.IN_PROGRESS,
                        "ECS deployment " + spec.deploymentId() + " in progress.", now, now));
                specDeploymentId = spec.deploymentId();
            } else if (primary().id().equals(spec.deploymentId())
                    && (!Objects.equals(primary().placementConstraints(), spec.placementConstraints())
                    || !Objects.equals(primary().taskTemplate(), spec.taskTemplate()))) {
                // the same deployment republished with new constraints or a renewed pull credential in
                // its template: both apply to the tasks started from now on, running ones stay
                Deployment p = primary();
                deployments.set(0, new Deployment(p.id(), p.status(), p.taskDefinition(), spec.taskTemplate(),
                        spec.placementConstraints(), p.desiredCount(), p.pendingCount(), p.runningCount(),
                        p.failedTasks(), p.rolloutState(), p.rolloutStateReason(), p.createdAt(), now));
            }
        }

        private Deployment primary() {
            return deployments.get(0);
        }

        private ServiceStatus conclude(int desired) {
            List<TrackedTask> tasks = tasks();
            Map<String, List<TrackedTask>> byDeployment = tasks.stream()
                    .collect(Collectors.groupingBy(this::deploymentOf));
            List<Deployment> next = new ArrayList<>();
            for (Deployment d : deployments) {
                List<TrackedTask> mine = byDeployment.getOrDefault(d.id(), List.of());
                boolean isPrimary = d == primary();
                if (!isPrimary && live(mine).isEmpty()) {
                    continue; // replaced entirely: INACTIVE, which ECS no longer lists
                }
                int running = (int) mine.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
                int pending = (int) mine.stream().filter(t -> t.status().compareTo(TaskStatus.RUNNING) < 0).count();
                int failed = (int) mine.stream().filter(ServiceReconciler::failed).count();
                next.add(new Deployment(d.id(), d.status(), d.taskDefinition(), d.taskTemplate(),
                        d.placementConstraints(), isPrimary ? desired : 0, pending, running, failed, d.rolloutState(),
                        d.rolloutStateReason(), d.createdAt(), d.updatedAt()));
            }
            deployments.clear();
            deployments.addAll(next);

            Deployment p = primary();
            List<TrackedTask> primaryTasks = byDeployment.getOrDefault(p.id(), List.of());
            long primaryHealthy = primaryTasks.stream().filter(t -> healthy(t) && !onDraining(t)).count();
            boolean othersGone = deployments.size() == 1;
            if (p.rolloutState().equals(Deployment.IN_PROGRESS)) {
                DeploymentConfiguration config = configuration();
                if (config.circuitBreakerEnabled() && p.failedTasks() >= failureThreshold(desired)) {
                    tripCircuitBreaker(config.rollbackEnabled());
                } else if (othersGone && primaryHealthy == desired && active(primaryTasks).size() == desired) {
                    deployments.set(0, p.withRollout(Deployment.COMPLETED, "ECS deployment " + p.id() + " completed."));
                    lastCompleted = primary();
                    event("(service " + service + ") (deployment " + p.id() + ") deployment completed.");
                }
            }

            List<TrackedTask> live = live(tasks);
            boolean steady = othersGone && primaryHealthy == desired && live.size() == desired
                    && ServiceSpec.ACTIVE.equals(spec.status());
            if (steady && !runtime.steady()) {
                writeEvent("(service " + service + ") has reached a steady state.");
            }
            runtime.steady(steady);

            int running = (int) live.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
            int pending = (int) live.stream().filter(t -> t.status().compareTo(TaskStatus.RUNNING) < 0).count();
            return stamped(new ServiceStatus(spec.cluster(), service, specDeploymentId, List.copyOf(deployments),
                    lastCompleted, desired, running, pending, null));
        }

        private void tripCircuitBreaker(boolean rollback) {
            Deployment failed = primary().withRollout(Deployment.FAILED,
                    "ECS deployment circuit breaker: tasks failed to start.");
            if (rollback && lastCompleted != null && lastCompleted.taskTemplate() != null
                    && !lastCompleted.id().equals(failed.id())) {
                String id = ids.get();
                deployments.set(0, failed.withStatus(Deployment.ACTIVE));
                deployments.add(0, new Deployment(id, Deployment.PRIMARY, lastCompleted.taskDefinition(),
                        lastCompleted.taskTemplate(), lastCompleted.placementConstraints(), failed.desiredCount(), 0,
                        0, 0, Deployment.IN_PROGRESS, "ECS deployment circuit breaker: rolling back to deploymentId "
                        + lastCompleted.id() + ".", now, now));
                event("(service " + service + ") (deployment " + failed.id() + ") deployment failed: tasks failed to "
                        + "start. Rolled back to deployment " + lastCompleted.id() + " (" + lastCompleted.taskDefinition()
                        + ") as deployment " + id + ".");
            } else {
                deployments.set(0, failed);
                event("(service " + service + ") (deployment " + failed.id() + ") deployment failed: tasks failed to "
                        + "start.");
            }
        }

        /** The status with the previous timestamps where nothing changed, so that an unchanged service publishes nothing. */
        private ServiceStatus stamped(ServiceStatus candidate) {
            ServiceStatus previous = runtime.status();
            Map<String, Deployment> before = new HashMap<>();
            if (previous != null) {
                previous.deployments().forEach(d -> before.put(d.id(), d));
            }
            List<Deployment> timed = candidate.deployments().stream().map(d -> {
                Deployment old = before.get(d.id());
                Instant at = old != null && sameExceptTime(old, d) ? old.updatedAt() : now;
                return d.withUpdatedAt(at);
            }).toList();
            ServiceStatus result = new ServiceStatus(candidate.cluster(), candidate.serviceName(),
                    candidate.specDeploymentId(), timed, candidate.lastCompleted(), candidate.desiredCount(),
                    candidate.runningCount(), candidate.pendingCount(), previous == null ? now : previous.updatedAt());
            if (previous != null && !result.equals(previous)) {
                result = new ServiceStatus(result.cluster(), result.serviceName(), result.specDeploymentId(),
                        result.deployments(), result.lastCompleted(), result.desiredCount(), result.runningCount(),
                        result.pendingCount(), now);
            }
            return result;
        }

        // ---- REPLICA -------------------------------------------------------------------------

        private void reconcileReplica(int desired) {
            DeploymentConfiguration config = configuration();
            for (TrackedTask task : active(tasks())) {
                if (unhealthy(task)) {
                    stop(task, HEALTH_CHECK_FAILED);
                } else if (task.status().compareTo(TaskStatus.RUNNING) < 0 && onDraining(task)) {
                    stop(task, drainingReason(task));
                }
            }
            List<TrackedTask> tasks = tasks();
            List<TrackedTask> live = live(tasks);
            List<TrackedTask> active = active(tasks);
            Deployment primary = primary();
            List<TrackedTask> current = active.stream()
                    .filter(t -> deploymentOf(t).equals(primary.id()) && !onDraining(t)).toList();
            List<TrackedTask> replaced = active.stream().filter(t -> !current.contains(t))
                    .sorted(Comparator.comparing((TrackedTask t) -> healthy(t))
                            .thenComparing(t -> deploymentAge(deploymentOf(t))))
                    .toList();
            int minHealthy = (int) Math.ceil(desired * config.minimumHealthyPercentOrDefault() / 100.0);
            int maxTotal = desired * config.maximumPercentOrDefault() / 100;
            int healthy = (int) active.stream().filter(this::healthy).count();

            int need = desired - current.size();
            int room = maxTotal - live.size();
            if (need > 0 && room > 0) {
                launch(primary, Math.min(need, room), null);
            }
            if (current.size() > desired) {
                healthy -= scaleIn(current, current.size() - desired, primary);
            }
            int canStop = healthy - minHealthy;
            boolean stoppedAny = false;
            for (TrackedTask task : replaced) {
                if (!healthy(task)) {
                    stop(task, replacedReason(task, primary));
                    stoppedAny = true;
                } else if (canStop > 0) {
                    stop(task, replacedReason(task, primary));
                    canStop--;
                    stoppedAny = true;
                }
            }
            boolean nothingMoving = live.size() == active.size()
                    && current.stream().allMatch(t -> t.status() == TaskStatus.RUNNING);
            if (!replaced.isEmpty() && !stoppedAny && need > 0 && room <= 0 && canStop <= 0 && nothingMoving) {
                event("(service " + service + ") is unable to make progress: with minimumHealthyPercent "
                        + config.minimumHealthyPercentOrDefault() + " and maximumPercent "
                        + config.maximumPercentOrDefault() + " no task can be stopped or started while " + healthy
                        + " of " + desired + " tasks are healthy.");
            }
        }

        /** Stops {@code count} of the primary's tasks: waiting (PROVISIONING) ones first, then not yet healthy ones, then as ECS picks victims. Returns the healthy stopped. */
        private int scaleIn(List<TrackedTask> current, int count, Deployment primary) {
            List<TrackedTask> unready = current.stream().filter(t -> !healthy(t))
                    .sorted(Comparator.comparing(t -> t.status() != TaskStatus.PROVISIONING)) // waiting ones first
                    .limit(count).toList();
            unready.forEach(t -> stop(t, scalingReason(primary)));
            int rest = count - unready.size();
            if (rest == 0) {
                return 0;
            }
            List<RunningTask> candidates = current.stream().filter(this::healthy)
                    .map(t -> new RunningTask(t.taskId(), t.containerInstanceId(), t.allocation(), false)).toList();
            Map<String, TrackedTask> byId = current.stream().collect(Collectors.toMap(TrackedTask::taskId, t -> t));
            List<RunningTask> victims = scaleIn.select(candidates, state, spec.placementStrategy(), rest);
            victims.forEach(v -> stop(byId.get(v.taskId()), scalingReason(primary)));
            return victims.size();
        }

        // ---- DAEMON --------------------------------------------------------------------------

        private int reconcileDaemon() {
            Deployment primary = primary();
            List<MemberOfFilter> filters = MemberOfFilter.of(orEmpty(primary.placementConstraints()));
            Map<String, InstanceState> eligible = new HashMap<>();
            for (InstanceState instance : state.instances()) {
                if (instance.acceptsPlacements() && filters.stream()
                        .allMatch(f -> f.accepts(instance, state.usage(instance.containerInstanceId())))) {
                    eligible.put(instance.containerInstanceId(), instance);
                }
            }
            Map<String, List<TrackedTask>> liveByInstance = new HashMap<>();
            for (TrackedTask task : active(tasks())) {
                String instanceId = task.containerInstanceId();
                Optional<InstanceState> instance = state.instance(instanceId);
                boolean disconnected = instance.isPresent() && !instance.get().agentConnected();
                if (unhealthy(task)) {
                    stop(task, HEALTH_CHECK_FAILED);
                } else if (!eligible.containsKey(instanceId) && !disconnected) {
                    stop(task, onDraining(task) ? drainingReason(task)
                            : "Container instance " + instanceId + " no longer meets the service's constraints");
                }
            }
            for (TrackedTask task : live(tasks())) {
                liveByInstance.computeIfAbsent(task.containerInstanceId(), i -> new ArrayList<>()).add(task);
            }
            for (String instanceId : eligible.keySet().stream().sorted().toList()) {
                List<TrackedTask> here = liveByInstance.getOrDefault(instanceId, List.of());
                List<TrackedTask> current = active(here).stream()
                        .filter(t -> deploymentOf(t).equals(primary.id())).toList();
                current.stream().skip(1).forEach(t -> stop(t, scalingReason(primary)));
                active(here).stream().filter(t -> !deploymentOf(t).equals(primary.id()))
                        .forEach(t -> stop(t, replacedReason(t, primary)));
                if (here.isEmpty()) { // only once every old task here has stopped: they may hold the same ports
                    launch(primary, 1, instanceId);
                }
            }
            return eligible.size();
        }

        // ---- actions -------------------------------------------------------------------------

        private void launch(Deployment deployment, int count, String onInstance) {
            Optional<Instant> notBefore = relaunchNotBefore(deployment);
            if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
                event("(service " + service + ") is unable to consistently start tasks successfully.");
                return;
            }
            if (deployment.taskTemplate() == null) {
                event("(service " + service + ") (deployment " + deployment.id() + ") has no task template to start "
                        + "tasks from.");
                return;
            }
            String startedBy = ServiceSpec.startedBy(deployment.id());
            List<String> providers = providers(onInstance == null ? count : 0);
            List<TaskSpec> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TaskSpec task = instantiate(deployment.taskTemplate(), ids.get(), startedBy);
                tasks.add(providers.isEmpty() ? task : task.withCapacityProviderName(providers.get(i)));
            }
            List<PlacementConstraint> constraints = new ArrayList<>(orEmpty(deployment.placementConstraints()));
            if (onInstance != null) {
                constraints.add(new PlacementConstraint("memberOf", "ec2InstanceId == " + onInstance));
            }
            int placed = 0;
            for (PlacementResult decided : engine.place(tasks, constraints, spec.placementStrategy(), state)) {
                PlacementResult result = decided.recheckedAgainst(state);
                if (!result.isPlaced() && result.task().capacityProviderName() != null) {
                    // waits for its provider's group to grow; placed by the scheduler's round when it has room
                    actions.add(TaskRequestHandler.provisioning(result.task().withPlacement(constraints,
                            spec.placementStrategy()), state, now));
                    continue;
                }
                if (!result.isPlaced()) {
                    event("(service " + service + ") was unable to place a task because no container instance met "
                            + "all of its requirements. Reason: " + result.failureReason() + ".");
                    continue;
                }
                TaskSpec task = result.task();
                TaskStateChange report = new TaskStateChange(task.cluster(), task.taskId(), TaskStatus.PENDING,
                        result.allocation(), null, null, null, null, null, null, now, TaskRequestHandler.REPORTER,
                        startedBy, null, task);
                state.applyReport(report);
                actions.add(new SchedulerAction.ReportState(report));
                actions.add(new SchedulerAction.SendCommand(new AgentCommand.StartTask(task.cluster(),
                        result.allocation().containerInstanceId(), task, result.allocation())));
                placed++;
            }
            if (placed > 0) {
                event("(service " + service + ") has started " + placed + " tasks.");
            }
        }

        /**
         * The capacity provider of each of {@code count} new tasks by the service's strategy, given
         * where its live tasks run or wait; empty without a strategy.
         */
        private List<String> providers(int count) {
            if (spec.capacityProviderStrategy().isEmpty() || count == 0) {
                return List.of();
            }
            Map<String, Integer> existing = new HashMap<>();
            for (TrackedTask task : live(tasks())) {
                String provider = state.capacityProviderOf(task);
                if (provider != null) {
                    existing.merge(provider, 1, Integer::sum);
                }
            }
            return CapacityProviderStrategies.assign(spec.capacityProviderStrategy(), existing, count);
        }

        /**
         * Marks the task DEACTIVATING (published, so a new owner knows it is on its way out) and
         * orders its agent to stop it. A task still waiting in PROVISIONING runs nowhere: it is
         * reported STOPPED at once.
         */
        private void stop(TrackedTask task, String reason) {
            if (task.status() == TaskStatus.PROVISIONING) {
                TaskStateChange report = new TaskStateChange(spec.cluster(), task.taskId(), TaskStatus.STOPPED, null,
                        null, StopCode.ServiceSchedulerInitiated, reason, null, null, now, now,
                        TaskRequestHandler.REPORTER, task.startedBy(), null, null);
                state.applyReport(report);
                actions.add(new SchedulerAction.ReportState(report));
                return;
            }
            TaskStateChange report = new TaskStateChange(spec.cluster(), task.taskId(), TaskStatus.DEACTIVATING,
                    task.allocation(), null, StopCode.ServiceSchedulerInitiated, reason, task.startedAt(), null, null,
                    now, TaskRequestHandler.REPORTER, task.startedBy(), task.healthStatus(), null);
            state.applyReport(report);
            actions.add(new SchedulerAction.ReportState(report));
            if (task.containerInstanceId() != null) {
                actions.add(new SchedulerAction.SendCommand(new AgentCommand.StopTask(spec.cluster(),
                        task.containerInstanceId(), task.taskId(), StopCode.ServiceSchedulerInitiated, reason)));
            }
        }

        /** Writes the event unless the same message was written within the repeat interval. */
        private void event(String message) {
            Instant last = runtime.lastEventAt().get(message);
            if (last == null || !now.isBefore(last.plus(settings.eventRepeat()))) {
                writeEvent(message);
            }
        }

        private void writeEvent(String message) {
            runtime.lastEventAt().put(message, now);
            events.add(new ServiceEvent(spec.cluster(), service, ids.get(), now, message));
        }

        // ---- judging tasks -------------------------------------------------------------------

        private List<TrackedTask> tasks() {
            return state.tasksOfGroup(ServiceSpec.group(service));
        }

        private String deploymentOf(TrackedTask task) {
            String startedBy = task.startedBy();
            return startedBy != null && startedBy.startsWith("ecs-svc/") ? startedBy.substring(8) : "";
        }

        private int deploymentAge(String deploymentId) {
            for (int i = 0; i < deployments.size(); i++) {
                if (deployments.get(i).id().equals(deploymentId)) {
                    return -i; // older deployments sit later in the list; stop them first
                }
            }
            return Integer.MIN_VALUE; // a deployment no longer listed: the oldest of all
        }

        private boolean hasHealthCheck(TrackedTask task) {
            return deployments.stream().filter(d -> d.id().equals(deploymentOf(task))).findFirst()
                    .filter(d -> d.taskTemplate() != null)
                    .map(d -> d.taskTemplate().containers().stream().anyMatch(c -> c.healthCheck() != null
                            && c.healthCheck().command() != null && !c.healthCheck().command().isEmpty()
                            && !"NONE".equals(c.healthCheck().command().get(0))))
                    .orElse(false);
        }

        private boolean pastGracePeriod(TrackedTask task) {
            return task.startedAt() != null
                    && !now.isBefore(task.startedAt().plusSeconds(spec.healthCheckGracePeriodSeconds()));
        }

        /** RUNNING with its health checks passing; without checks, once the grace period after RUNNING has passed. */
        private boolean healthy(TrackedTask task) {
            if (task.status() != TaskStatus.RUNNING) {
                return false;
            }
            return hasHealthCheck(task) ? task.healthStatus() == HealthStatus.HEALTHY : pastGracePeriod(task);
        }

        private boolean unhealthy(TrackedTask task) {
            return task.status() == TaskStatus.RUNNING && task.healthStatus() == HealthStatus.UNHEALTHY
                    && pastGracePeriod(task);
        }

        private boolean onDraining(TrackedTask task) {
            return state.instance(task.containerInstanceId()).map(i -> i.status() == InstanceStatus.DRAINING)
                    .orElse(false);
        }

        /** Failed to start after the last task of the deployment that did start, with a growing wait. */
        private Optional<Instant> relaunchNotBefore(Deployment deployment) {
            List<TrackedTask> mine = tasks().stream().filter(t -> deploymentOf(t).equals(deployment.id())).toList();
            Instant lastStart = mine.stream().map(TrackedTask::startedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(Instant.MIN);
            List<Instant> failures = mine.stream().filter(ServiceReconciler::failedToStart)
                    .map(TrackedTask::stoppedAt).filter(at -> at != null && at.isAfter(lastStart)).toList();
            if (failures.isEmpty()) {
                return Optional.empty();
            }
            Duration delay = settings.relaunchBaseDelay().multipliedBy(1L << Math.min(failures.size() - 1, 20));
            if (delay.compareTo(settings.relaunchMaxDelay()) > 0) {
                delay = settings.relaunchMaxDelay();
            }
            return Optional.of(failures.stream().max(Comparator.naturalOrder()).orElseThrow().plus(delay));
        }

        private DeploymentConfiguration configuration() {
            DeploymentConfiguration config = spec.deploymentConfiguration();
            return config != null ? config : DeploymentConfiguration.defaults();
        }

        private String scalingReason(Deployment primary) {
            return "Scaling activity initiated by (deployment " + primary.id() + ")";
        }

        private String replacedReason(TrackedTask task, Deployment primary) {
            return onDraining(task) ? drainingReason(task) : scalingReason(primary);
        }

        private String drainingReason(TrackedTask task) {
            return "Container instance " + task.containerInstanceId() + " is DRAINING";
        }
    }

    // ---- small pure helpers ----------------------------------------------------------------

    private static List<TrackedTask> live(List<TrackedTask> tasks) {
        return tasks.stream().filter(t -> t.status() != TaskStatus.STOPPED).toList();
    }

    /** Live and not already on its way out (a stop has been decided or is under way). */
    private static List<TrackedTask> active(List<TrackedTask> tasks) {
        return tasks.stream().filter(t -> t.status().compareTo(TaskStatus.DEACTIVATING) < 0).toList();
    }

    static boolean failedToStart(TrackedTask task) {
        return task.status() == TaskStatus.STOPPED && task.startedAt() == null
                && FAILED_TO_START.contains(task.stopCode());
    }

    /** What the circuit breaker counts: tasks that failed to start or failed their health checks. */
    static boolean failed(TrackedTask task) {
        return failedToStart(task)
                || task.status() == TaskStatus.STOPPED && HEALTH_CHECK_FAILED.equals(task.stoppedReason());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static TaskSpec instantiate(TaskSpec template, String taskId, String startedBy) {
        return new TaskSpec(template.cluster(), taskId, Arns.task(template.cluster(), taskId),
                template.taskDefinitionArn(), template.family(), template.group(), startedBy, template.networkMode(),
                template.cpu(), template.memory(), template.containers(), template.registryCredentials());
    }

    private static boolean sameExceptTime(Deployment a, Deployment b) {
        return a.withUpdatedAt(null).equals(b.withUpdatedAt(null));
    }
}
