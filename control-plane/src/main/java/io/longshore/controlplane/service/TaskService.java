package io.longshore.controlplane.service;

import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Arns;
import io.longshore.common.model.CapacityProviderStrategies;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DesiredStatus;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.config.LongshoreConfig;
import io.longshore.controlplane.domain.PlacementFailure;
import io.longshore.controlplane.domain.RegistryCredentialIssuer;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.TaskSpecFactory;
import io.longshore.controlplane.domain.TaskStateRules;
import io.longshore.controlplane.messaging.Outbox;
import io.longshore.outbox.OutboxRelay;
import io.longshore.controlplane.store.ClusterRepository;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.TaskEntity;
import io.longshore.controlplane.store.TaskRepository;
import io.longshore.controlplane.validation.CapacityProviderRules;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.RunTaskRules;
import io.longshore.controlplane.validation.ValidRunTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/** RunTask, ListTasks, DescribeTasks, StopTask, and applying the task state reports. */
@ApplicationScoped
public class TaskService {
    private static final Logger LOG = Logger.getLogger(TaskService.class);
    public static final String DEFAULT_STOP_REASON = "Task stopped by user";
    private static final Set<String> DESIRED_STATUSES = Set.of("RUNNING", "STOPPED");

    private final ClusterRepository clusters;
    private final TaskRepository tasks;
    private final TaskDefinitionService definitions;
    private final Outbox outbox;
    private final BuiltInEventPublisher builtInEvents;
    private final OutboxRelay relay;
    private final PlacementWaiters waiters;
    private final LongshoreConfig config;
    private final RegistryCredentialIssuer credentials;
    private final Clock clock;

    public TaskService(ClusterRepository clusters, TaskRepository tasks, TaskDefinitionService definitions,
                       Outbox outbox, OutboxRelay relay, PlacementWaiters waiters, LongshoreConfig config,
                       RegistryCredentialIssuer credentials, BuiltInEventPublisher builtInEvents, Clock clock) {
        this.clusters = clusters;
        this.tasks = tasks;
        this.definitions = definitions;
        this.outbox = outbox;
        this.builtInEvents = builtInEvents;
        this.relay = relay;
        this.waiters = waiters;
        this.config = config;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Writes the tasks (PROVISIONING) and their PlaceTasks request in one transaction, publishes the
     * request, then waits up to the placement wait for the scheduler's first report on each task. Any
     * first report answers: placed (PENDING), not placeable (STOPPED, a failure), or waiting for room
     * on its capacity provider (PROVISIONING, no failure: the cluster scales out for it).
     */
    public Uni<RunTaskResult> run(String cluster, RunTask request) {
        ValidRunTask valid = RunTaskRules.validate(request);
        String requestId = newId();
        List<String> ids = IntStream.range(0, valid.count()).mapToObj(i -> newId()).toList();
        // Registered before the request can be published: a fast scheduler's report is never missed.
        List<CompletableFuture<Void>> reports = waiters.await(ids);
        Executor here = currentContextExecutor();
        return Panache.withTransaction(() -> create(cluster, requestId, ids, valid))
                .onFailure().invoke(() -> waiters.forget(ids))
                .invoke(relay::trigger)
                .flatMap(ignored -> Uni.createFrom().completionStage(
                                CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)))
                        .ifNoItem().after(config.runTask().placementWait()).recoverWithItem((Void) null)
                        .emitOn(here))
                .flatMap(ignored -> Panache.withSession(() -> tasks.listByIds(ids)))
                .eventually(() -> waiters.forget(ids))
                .map(TaskService::result);
    }

    /**
     * RunTask inside the caller's transaction, without waiting for placement (an event rule's
     * delivery): the tasks and their PlaceTasks request commit with the caller's own writes. The
     * caller triggers the outbox relay after its commit.
     */
    public Uni<List<String>> startInTransaction(String cluster, ValidRunTask valid) {
        List<String> ids = IntStream.range(0, valid.count()).mapToObj(i -> newId()).toList();
        return create(cluster, newId(), ids, valid).replaceWith(ids);
    }

    private Uni<Void> create(String cluster, String requestId, List<String> ids, ValidRunTask valid) {
        // Share-locked: PutClusterCapacityProviders cannot take a provider away while its tasks are written.
        return clusters.findActiveForUpdate(cluster, LockModeType.PESSIMISTIC_READ)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> {
                    List<CapacityProviderStrategyItem> strategy = CapacityProviderRules.resolveStrategy(cluster,
                            c.capacityProviderNames(), c.defaultStrategy(), valid.capacityProviderStrategy(),
                            valid.launchType());
                    return definitions.find(valid.taskDefinition(), LockModeType.NONE)
                            .onItem().ifNull().failWith(() ->
                                    ServiceException.taskDefinitionNotFound(400, valid.taskDefinition().toString()))
                            .flatMap(row -> createTasks(cluster, requestId, ids, valid, row.toDomain(), strategy));
                });
    }

    private Uni<Void> createTasks(String cluster, String requestId, List<String> ids, ValidRunTask valid,
                                  TaskDefinition definition, List<CapacityProviderStrategyItem> strategy) {
        if (!definition.isActive()) {
            throw InvalidRequestException.of(InvalidRequestException.CLIENT_EXCEPTION, "taskDefinition",
                    "task definition " + definition.familyRevision() + " is INACTIVE");
        }
        RunTaskRules.checkAgainst(valid, definition);
        // Each task's provider, the base first and then by weight, as the scheduler splits a service's.
        List<String> providers = strategy.isEmpty() ? null
                : CapacityProviderStrategies.assign(strategy, Map.of(), ids.size());
        Instant now = clock.instant();
        // One credential for the request's tasks: overrides do not change images.
        List<RegistryCredential> pull = credentials.issue(definition.arn(), definition.containerDefinitions());
        List<TaskSpec> specs = new ArrayList<>();
        List<TaskEntity> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            TaskSpec spec = TaskSpecFactory.build(cluster, id, definition, valid.overrides(), valid.startedBy(),
                    valid.group()).withCapacityProviderName(providers == null ? null : providers.get(i));
            specs.add(spec.withRegistryCredentials(pull));
            TaskEntity row = new TaskEntity();
            row.id = id;
            row.cluster = cluster;
            row.taskDefinitionArn = definition.arn();
            row.family = definition.family();
            row.groupName = spec.group();
            row.startedBy = spec.startedBy();
            row.requestId = requestId;
            row.lastStatus = TaskStatus.PROVISIONING.name();
            row.desiredStatus = DesiredStatus.RUNNING.name();
            row.cpu = spec.requiredCpu();
            row.memory = spec.requiredMemory();
            row.capacityProviderName = spec.capacityProviderName();
            row.spec = JsonColumns.write(spec); // credentials go to the agent, not into the store
            row.createdAt = now;
            row.version = 1;
            rows.add(row);
        }
        // The definition's constraints and the request's both apply (checkAgainst kept the total within the limit).
        TaskRequest.PlaceTasks place = new TaskRequest.PlaceTasks(cluster, requestId, specs,
                RunTaskRules.placementConstraints(valid, definition), valid.placementStrategy());
        return tasks.persist(rows)
                .flatMap(v -> outbox.enqueue(Topics.TASK_REQUESTS, MessageKeys.of(cluster, requestId), place));
    }

    private static RunTaskResult result(List<TaskEntity> rows) {
        List<TaskEntity> started = new ArrayList<>();
        List<RunTaskResult.Failure> failures = new ArrayList<>();
        for (TaskEntity row : rows) {
            Optional<PlacementFailure> failure = TaskStatus.STOPPED.name().equals(row.lastStatus)
                    ? PlacementFailure.fromStoppedReason(row.stoppedReason) : Optional.empty();
            if (failure.isPresent()) {
                failures.add(new RunTaskResult.Failure(Arns.task(row.cluster, row.id), failure.get().reason(),
                        failure.get().detail()));
            } else {
                started.add(row);
            }
        }
        return new RunTaskResult(started, failures);
    }

    /**
     * ListTasks. As in ECS, only tasks whose desiredStatus is RUNNING unless asked otherwise;
     * {@code serviceName} selects a service's tasks (their group is {@code service:<name>}).
     */
    public Uni<List<TaskEntity>> list(String cluster, String family, String startedBy, String serviceName,
                                      String desiredStatus, String containerInstance) {
        String desired = desiredStatus == null || desiredStatus.isBlank() ? "RUNNING" : desiredStatus;
        if (!DESIRED_STATUSES.contains(desired)) {
            throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, "desiredStatus",
                    "must be RUNNING or STOPPED");
        }
        String instanceId = containerInstance == null || containerInstance.isBlank()
                ? null : Arns.lastSegment(containerInstance);
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> tasks.search(cluster, blankToNull(family), blankToNull(startedBy),
                        serviceName == null || serviceName.isBlank() ? null : ServiceSpec.group(serviceName),
                        desired, instanceId)));
    }

    public Uni<TaskEntity> describe(String cluster, String task) {
        String id = Arns.lastSegment(task);
        return Panache.withSession(() -> clusters.findById(cluster)
                .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                .flatMap(c -> tasks.findInCluster(cluster, id, LockModeType.NONE))
                .onItem().ifNull().failWith(() -> ServiceException.taskNotFound(cluster, id)));
    }

    /**
     * Sets desiredStatus STOPPED and sends StopTask to the scheduler, in one transaction. Stopping a
     * task that is already stopping or stopped changes nothing and sends nothing.
     */
    public Uni<TaskEntity> stop(String cluster, String task, String reason) {
        String id = Arns.lastSegment(task);
        String why = reason == null || reason.isBlank() ? DEFAULT_STOP_REASON : reason;
        if (why.length() > 255) {
            throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, "reason",
                    "must be at most 255 characters");
        }
        return Panache.withTransaction(() -> clusters.findById(cluster)
                        .onItem().ifNull().failWith(() -> ServiceException.clusterNotFound(cluster))
                        .flatMap(c -> tasks.findInCluster(cluster, id, LockModeType.PESSIMISTIC_WRITE))
                        .onItem().ifNull().failWith(() -> ServiceException.taskNotFound(cluster, id))
                        .flatMap(row -> {
                            if (DesiredStatus.STOPPED.name().equals(row.desiredStatus)
                                    || TaskStatus.STOPPED.name().equals(row.lastStatus)) {
                                return Uni.createFrom().item(row);
                            }
                            row.desiredStatus = DesiredStatus.STOPPED.name();
                            row.stopCode = StopCode.UserInitiated.name();
                            row.stoppedReason = why;
                            row.version++;
                            return outbox.enqueue(Topics.TASK_REQUESTS, MessageKeys.of(cluster, id),
                                            new TaskRequest.StopTask(cluster, id, StopCode.UserInitiated, why))
                                    .replaceWith(row);
                        }))
                .invoke(relay::trigger);
    }

    /**
     * Applies task state reports, in order, in one transaction: the tasks they name are locked
     * together (in id order) and each report meets the row as the reports before it left it. A
     * report that would move a task backwards, or a redelivered one, changes nothing. A report of a
     * task the control plane does not know creates it when it carries the task's spec (the
     * scheduler's first report of a service's task); any other is dropped. Then wakes the RunTasks
     * waiting for them.
     *
     * @return how many reports changed something
     */
    public Uni<Integer> applyReports(List<TaskStateChange> reports) {
        List<String> ids = reports.stream().map(TaskStateChange::taskId).distinct().sorted().toList();
        return Panache.withTransaction(() -> tasks.lockByIds(ids)
                        .flatMap(rows -> {
                            Map<String, TaskEntity> byId = new HashMap<>();
                            rows.forEach(row -> byId.put(row.id, row));
                            return Multi.createFrom().iterable(reports)
                                    .onItem().transformToUniAndConcatenate(report -> applyLocked(byId, report))
                                    .collect().with(Collectors.summingInt(applied -> applied ? 1 : 0));
                        }))
                .invoke(applied -> {
                    reports.forEach(report -> waiters.reported(report.taskId()));
                    if (applied > 0) {
                        relay.trigger();
                    }
                });
    }

    private Uni<Boolean> applyLocked(Map<String, TaskEntity> byId, TaskStateChange report) {
        TaskEntity row = byId.get(report.taskId());
        if (row != null) {
            long version = row.version;
            boolean applied = apply(row, report);
            return row.version == version ? Uni.createFrom().item(applied) : announce(row).replaceWith(applied);
        }
        if (report.task() == null) {
            return Uni.createFrom().item(false);
        }
        return createReported(report).invoke(created -> created.ifPresent(r -> byId.put(r.id, r)))
                .map(Optional::isPresent);
    }

    /** Puts "ECS Task State Change" on the default event bus, in the transaction that made the change. */
    private Uni<Void> announce(TaskEntity row) {
        return builtInEvents.publish(BuiltInEvents.taskStateChange(row, clock.instant()));
    }

    /** Records a task the scheduler started on its own (a service's), from the spec in its first report. */
    private Uni<Optional<TaskEntity>> createReported(TaskStateChange report) {
        TaskSpec given = report.task();
        String cluster = report.cluster() != null ? report.cluster() : given.cluster();
        if (cluster == null) {
            LOG.warnf("report of unknown task %s names no cluster; ignored", report.taskId());
            return Uni.createFrom().item(Optional.empty());
        }
        return clusters.findById(cluster).flatMap(c -> {
            if (c == null) {
                LOG.warnf("report of task %s in unknown cluster %s; ignored", report.taskId(), cluster);
                return Uni.createFrom().item(Optional.empty());
            }
            String group = given.group() != null ? given.group() : TaskSpecFactory.defaultGroup(given.family());
            String startedBy = given.startedBy() != null ? given.startedBy() : report.startedBy();
            // Not the placement constraints and strategy it carries: they only matter while it waits.
            TaskSpec spec = new TaskSpec(cluster, report.taskId(), Arns.task(cluster, report.taskId()),
                    given.taskDefinitionArn(), given.family(), group, startedBy, given.networkMode(), given.cpu(),
                    given.memory(), given.containers()).withCapacityProviderName(given.capacityProviderName());
            TaskEntity row = new TaskEntity();
            row.id = report.taskId();
            row.cluster = cluster;
            row.taskDefinitionArn = spec.taskDefinitionArn();
            row.family = spec.family();
            row.groupName = group;
            row.startedBy = startedBy;
            row.lastStatus = report.lastStatus().name();
            row.desiredStatus = DesiredStatus.RUNNING.name();
            row.cpu = spec.requiredCpu();
            row.memory = spec.requiredMemory();
            row.capacityProviderName = spec.capacityProviderName();
            row.spec = JsonColumns.write(spec);
            row.createdAt = firstNonNull(report.reportedAt(), clock.instant());
            apply(row, report);
            row.version = 1; // a new task, whatever the report filled in
            LOG.debugf("task %s/%s of %s recorded from the scheduler's report", cluster, row.id, group);
            return tasks.persist(row).flatMap(v -> announce(row)).replaceWith(Optional.of(row));
        });
    }

    private boolean apply(TaskEntity row, TaskStateChange report) {
        if (report.cluster() != null && !report.cluster().equals(row.cluster)) {
            LOG.warnf("task %s: report names cluster %s but the task is in %s; ignored", row.id, report.cluster(),
                    row.cluster);
            return false;
        }
        TaskStatus stored = TaskStatus.valueOf(row.lastStatus);
        if (!TaskStateRules.accepts(stored, report.lastStatus())) {
            LOG.debugf("task %s: %s report after %s ignored", row.id, report.lastStatus(), stored);
            return false;
        }
        String before = fingerprint(row);
        row.lastStatus = report.lastStatus().name();
        if (report.allocation() != null) {
            row.containerInstanceId = report.allocation().containerInstanceId();
            row.allocation = JsonColumns.write(report.allocation());
        }
        if (report.containers() != null && !report.containers().isEmpty()) {
            row.containers = JsonColumns.write(report.containers());
        }
        // Lifecycle times are set once: the first report of a moment is the moment.
        row.startedAt = firstNonNull(row.startedAt, report.startedAt());
        row.stoppingAt = firstNonNull(row.stoppingAt, report.stoppingAt());
        if (report.stopCode() != null) {
            row.stopCode = report.stopCode().name();
        }
        if (report.stoppedReason() != null) {
            row.stoppedReason = report.stoppedReason();
        }
        if (report.healthStatus() != null) {
            row.healthStatus = report.healthStatus().name();
        }
        if (row.startedBy == null && report.startedBy() != null) {
            row.startedBy = report.startedBy();
        }
        if (report.lastStatus().isAfter(TaskStatus.RUNNING)) {
            // on its way out (a scheduler's DEACTIVATING, an agent's STOPPING): nobody wants it running
            row.desiredStatus = DesiredStatus.STOPPED.name();
        }
        if (report.lastStatus().isStopped()) {
            row.stoppedAt = firstNonNull(row.stoppedAt, report.stoppedAt(), report.reportedAt(), clock.instant());
        }
        if (!before.equals(fingerprint(row))) {
            row.version++;
        }
        return true;
    }

    private static String fingerprint(TaskEntity t) {
        return String.join("|", t.lastStatus, t.desiredStatus, Objects.toString(t.containerInstanceId),
                Objects.toString(t.allocation), Objects.toString(t.containers), Objects.toString(t.startedAt),
                Objects.toString(t.stoppingAt), Objects.toString(t.stoppedAt), Objects.toString(t.stopCode),
                Objects.toString(t.stoppedReason), Objects.toString(t.healthStatus), Objects.toString(t.startedBy));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Task and request ids: 32 hex characters, as ECS's task ids. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Continues on the caller's Vert.x context (Hibernate Reactive sessions are bound to it). */
    private static Executor currentContextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Infrastructure.getDefaultExecutor();
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
