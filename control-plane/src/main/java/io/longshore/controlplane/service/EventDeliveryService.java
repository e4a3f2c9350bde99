package io.longshore.controlplane.service;

import io.longshore.common.events.BusEvent;
import io.longshore.common.events.EventDeadLetter;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.config.LongshoreConfig;
import io.longshore.controlplane.domain.DeliveryRetries;
import io.longshore.controlplane.domain.EventTarget;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.domain.TaskOverride;
import io.longshore.controlplane.messaging.Outbox;
import io.longshore.controlplane.store.EventDeliveryEntity;
import io.longshore.controlplane.store.EventDeliveryRepository;
import io.longshore.controlplane.store.EventRunEntity;
import io.longshore.controlplane.store.EventRunRepository;
import io.longshore.controlplane.store.EventTargetEntity;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.TaskEntity;
import io.longshore.controlplane.store.TaskRepository;
import io.longshore.controlplane.validation.EventRules;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.RunTaskRules;
import io.longshore.controlplane.validation.ValidRunTask;
import io.longshore.events.input.EventContext;
import io.longshore.events.input.InputTransformationException;
import io.longshore.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Delivers events to rule targets by running ECS tasks, exactly once per (rule, target, event): the
 * delivery's row, its tasks and their PlaceTasks request commit in one transaction, and the row's key
 * refuses a second one. Follows each attempt's tasks to their end; a failed attempt is retried or
 * dead-lettered as {@link DeliveryRetries} decides.
 */
@ApplicationScoped
public class EventDeliveryService {
    private static final Logger LOG = Logger.getLogger(EventDeliveryService.class);
    public static final String STARTED_BY_PREFIX = "events-rule/";

    private final RuleCatalog catalog;
    private final EventDeliveryRepository deliveries;
    private final EventRunRepository runs;
    private final TaskRepository tasks;
    private final TaskService taskService;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final LongshoreConfig config;
    private final Clock clock;

    public EventDeliveryService(RuleCatalog catalog, EventDeliveryRepository deliveries, EventRunRepository runs,
                                TaskRepository tasks, TaskService taskService, Outbox outbox, OutboxRelay relay,
                                LongshoreConfig config, Clock clock) {
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.runs = runs;
        this.tasks = tasks;
        this.taskService = taskService;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    /** {@code events-rule/<rule>/<event id>}: which rule and event started a task. */
    public static String startedBy(String rule, String eventId) {
        return STARTED_BY_PREFIX + rule + "/" + eventId;
    }

    /** Delivers the event to every target it goes to, in one transaction; a target already served is skipped. */
    public Uni<Integer> route(BusEvent event) {
        String envelope = Json.write(event.event());
        return catalog.snapshot().flatMap(snapshot -> {
            List<RuleCatalog.Match> matches = snapshot.matches(event, envelope);
            if (matches.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            String stored = Json.write(event);
            Instant now = clock.instant();
            return Panache.withTransaction(() -> Multi.createFrom().iterable(matches)
                            .onItem().transformToUniAndConcatenate(m -> deliveries.insertIfAbsent(m.rule().bus(),
                                            m.rule().name(), m.target().id, event.event().id(), stored,
                                            event.ingestedAt() == null ? now : event.ingestedAt(), now)
                                    .flatMap(owned -> owned == 0 ? Uni.createFrom().item(0)
                                            : attempt(key(m, event), event, m.rule().arn(), m.target(), 1)
                                            .replaceWith(1)))
                            .collect().with(Collectors.summingInt(Integer::intValue)))
                    .invoke(started -> {
                        if (started > 0) {
                            relay.trigger();
                        }
                    });
        });
    }

    /**
     * Starts attempt {@code attempt}: renders the target's input into overrides and runs the task
     * inside the caller's transaction. A delivery that cannot be made fails for good.
     */
    private Uni<Void> attempt(EventDeliveryEntity.Key key, BusEvent event, String ruleArn, EventTargetEntity target,
                              int attempt) {
        Instant now = clock.instant();
        ValidRunTask run;
        try {
            run = runTask(key, event, ruleArn, target.toDomain());
        } catch (InvalidRequestException | InputTransformationException e) {
            return giveUp(key, event, ruleArn, target.arn, attempt, "InvalidParameterException", e.getMessage(), null);
        }
        String cluster = Arns.lastSegment(target.arn);
        return taskService.startInTransaction(cluster, run)
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> runs.persist(run(key, id, attempt)))
                        .collect().last()
                        // the first attempt's row was inserted RUNNING with attempts 1 in this transaction
                        .flatMap(v -> attempt == 1 ? Uni.createFrom().voidItem() : update(key, d -> {
                            d.state = EventDeliveryEntity.RUNNING;
                            d.attempts = attempt;
                            d.nextAttemptAt = null;
                            d.updatedAt = now;
                        })))
                .onFailure(ServiceException.class).recoverWithUni(e -> giveUp(key, event, ruleArn, target.arn,
                        attempt, ((ServiceException) e).type(), e.getMessage(), null))
                .onFailure(InvalidRequestException.class).recoverWithUni(e -> giveUp(key, event, ruleArn, target.arn,
                        attempt, ((InvalidRequestException) e).type(), e.getMessage(), null));
    }

    private ValidRunTask runTask(EventDeliveryEntity.Key key, BusEvent event, String ruleArn, EventTarget target) {
        String rendered = EventRules.input(target).render(Json.write(event.event()),
                new EventContext(key.rule, ruleArn, event.ingestedAt()));
        TaskOverride overrides;
        try {
            overrides = Json.MAPPER.readValue(rendered, TaskOverride.class);
        } catch (Exception e) {
            throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, "Input",
                    "the target's input must be ECS task overrides ({\"containerOverrides\": [...]}); got "
                            + abbreviate(rendered));
        }
        EventTarget.EcsParameters ecs = target.ecsParameters();
        return RunTaskRules.validate(new RunTask(ecs.taskDefinitionArn(), ecs.taskCountOrDefault(), overrides,
                startedBy(key.rule, key.eventId), ecs.group(), ecs.placementConstraints(), ecs.placementStrategy()));
    }

    /** {@link #onTaskStopped} for the ones of these tasks an event target started (one query for all). */
    public Uni<Void> onTasksStopped(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> runs.list("taskId in ?1", taskIds))
                .flatMap(found -> Multi.createFrom().iterable(found)
                        .onItem().transformToUniAndConcatenate(run -> onTaskStopped(run.taskId))
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * A task an event started has stopped: when it was the last of its attempt, the attempt succeeded
     * (every container exited 0) or failed, and a failure is retried or dead-lettered. Idempotent.
     */
    public Uni<Void> onTaskStopped(String taskId) {
        return Panache.withTransaction(() -> runs.findById(taskId).flatMap(run -> {
                    if (run == null) {
                        return Uni.createFrom().item(false);
                    }
                    return deliveries.find(run.bus, run.rule, run.targetId, run.eventId, LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(d -> d == null || !EventDeliveryEntity.RUNNING.equals(d.state)
                                    || d.attempts != run.attempt ? Uni.createFrom().item(false) : settle(d));
                }))
                .invoke(changed -> {
                    if (changed) {
                        relay.trigger();
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Boolean> settle(EventDeliveryEntity d) {
        return runs.ofAttempt(d.bus, d.rule, d.targetId, d.eventId, d.attempts)
                .flatMap(attemptRuns -> tasks.listByIds(attemptRuns.stream().map(r -> r.taskId).toList()))
                .flatMap(rows -> {
                    if (rows.stream().anyMatch(t -> !TaskStatus.STOPPED.name().equals(t.lastStatus))) {
                        return Uni.createFrom().item(false);
                    }
                    Instant now = clock.instant();
                    Optional<String> failure = rows.stream().map(EventDeliveryService::failure)
                            .flatMap(Optional::stream).findFirst();
                    if (failure.isEmpty()) {
                        d.state = EventDeliveryEntity.SUCCEEDED;
                        d.errorCode = null;
                        d.errorMessage = null;
                        d.updatedAt = now;
                        return Uni.createFrom().item(true);
                    }
                    BusEvent event = Json.read(d.event, BusEvent.class);
                    return catalog.snapshot().flatMap(snapshot -> {
                        EventTargetEntity target = snapshot.target(d.bus, d.rule, d.targetId).orElse(null);
                        EventTarget.RetryPolicy policy = target == null ? null : target.toDomain().retryPolicy();
                        DeliveryRetries.Decision decision = DeliveryRetries.afterRunFailed(d.attempts, policy,
                                d.ingestedAt, now, config.events().retryBackoff(), config.events().retryMaxBackoff());
                        d.errorCode = "TaskFailed";
                        d.errorMessage = failure.get();
                        d.updatedAt = now;
                        if (decision instanceof DeliveryRetries.Retry retry) {
                            d.state = EventDeliveryEntity.RETRYING;
                            d.nextAttemptAt = retry.at();
                            LOG.infof("rule %s target %s event %s: attempt %d failed (%s); retry at %s", d.rule,
                                    d.targetId, d.eventId, d.attempts, failure.get(), retry.at());
                            return Uni.createFrom().item(true);
                        }
                        return deadLetter(d, event, Arns.eventRule(d.bus, d.rule),
                                target == null ? null : target.arn,
                                ((DeliveryRetries.GiveUp) decision).exhaustedRetryCondition()).replaceWith(true);
                    });
                });
    }

    /** Why a stopped task counts as failed: it never started, or a container exited other than 0. */
    static Optional<String> failure(TaskEntity task) {
        String taskArn = Arns.task(task.cluster, task.id);
        if (StopCode.TaskFailedToStart.name().equals(task.stopCode)) {
            return Optional.of("task " + taskArn + " failed to start: " + task.stoppedReason);
        }
        for (ContainerState c : JsonColumns.containerStates(task.containers)) {
            if (c.exitCode() == null || c.exitCode() != 0) {
                return Optional.of("task " + taskArn + ": container " + c.name() + " exited with "
                        + (c.exitCode() == null ? "no exit code" : "code " + c.exitCode())
                        + (c.reason() == null ? "" : " (" + c.reason() + ")")
                        + (task.stoppedReason == null ? "" : "; " + task.stoppedReason));
            }
        }
        if (JsonColumns.containerStates(task.containers).isEmpty()) {
            return Optional.of("task " + taskArn + " stopped before its containers ran: " + task.stoppedReason);
        }
        return Optional.empty();
    }

    /** Runs the next attempt of deliveries whose retry is due; rows another control plane holds are left to it. */
    public Uni<Integer> retryDue(int limit) {
        Instant now = clock.instant();
        return catalog.snapshot().flatMap(snapshot -> Panache.withTransaction(() -> deliveries.lockDueRetries(now, limit)
                        .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0)
                                : Multi.createFrom().iterable(due)
                                .onItem().transformToUniAndConcatenate(d -> retry(snapshot, d))
                                .collect().asList().map(List::size))))
                .invoke(n -> {
                    if (n > 0) {
                        relay.trigger();
                    }
                });
    }

    private Uni<Void> retry(RuleCatalog.Snapshot snapshot, EventDeliveryEntity d) {
        BusEvent event = Json.read(d.event, BusEvent.class);
        EventDeliveryEntity.Key key = key(d);
        Optional<RuleCatalog.RuleView> rule = snapshot.rule(d.bus, d.rule);
        Optional<EventTargetEntity> target = snapshot.target(d.bus, d.rule, d.targetId);
        if (target.isEmpty() || !rule.get().enabled()) {
            return giveUp(key, event, Arns.eventRule(d.bus, d.rule), null, d.attempts, "ResourceNotFoundException",
                    "the rule or its target was deleted or disabled before the retry", null);
        }
        return attempt(key, event, rule.get().arn(), target.get(), d.attempts + 1);
    }

    private Uni<Void> giveUp(EventDeliveryEntity.Key key, BusEvent event, String ruleArn, String targetArn,
                             int attempts, String code, String message, String exhausted) {
        return deliveries.find(key.bus, key.rule, key.targetId, key.eventId, LockModeType.NONE).flatMap(d -> {
            d.attempts = attempts;
            d.errorCode = code;
            d.errorMessage = message;
            d.updatedAt = clock.instant();
            return deadLetter(d, event, ruleArn, targetArn, exhausted);
        });
    }

    private Uni<Void> deadLetter(EventDeliveryEntity d, BusEvent event, String ruleArn, String targetArn,
                                 String exhausted) {
        d.state = EventDeliveryEntity.FAILED;
        d.nextAttemptAt = null;
        LOG.infof("rule %s target %s event %s failed after %d attempt(s): %s %s", d.rule, d.targetId, d.eventId,
                d.attempts, d.errorCode, d.errorMessage);
        EventDeadLetter letter = new EventDeadLetter(d.bus, ruleArn, d.targetId, targetArn, event.event(), d.attempts,
                d.errorCode, d.errorMessage, exhausted, clock.instant());
        return outbox.enqueue(Topics.EVENTS_DEAD_LETTER, letter.key(), letter);
    }

    private Uni<Void> update(EventDeliveryEntity.Key key, Consumer<EventDeliveryEntity> change) {
        return deliveries.find(key.bus, key.rule, key.targetId, key.eventId, LockModeType.NONE)
                .invoke(change)
                .replaceWithVoid();
    }

    private static EventRunEntity run(EventDeliveryEntity.Key key, String taskId, int attempt) {
        EventRunEntity run = new EventRunEntity();
        run.taskId = taskId;
        run.bus = key.bus;
        run.rule = key.rule;
        run.targetId = key.targetId;
        run.eventId = key.eventId;
        run.attempt = attempt;
        return run;
    }

    private static EventDeliveryEntity.Key key(RuleCatalog.Match m, BusEvent event) {
        return key(m.rule().bus(), m.rule().name(), m.target().id, event.event().id());
    }

    private static EventDeliveryEntity.Key key(EventDeliveryEntity d) {
        return key(d.bus, d.rule, d.targetId, d.eventId);
    }

    private static EventDeliveryEntity.Key key(String bus, String rule, String targetId, String eventId) {
        EventDeliveryEntity.Key key = new EventDeliveryEntity.Key();
        key.bus = bus;
        key.rule = rule;
        key.targetId = targetId;
        key.eventId = eventId;
        return key;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
