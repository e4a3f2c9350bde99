package io.longshore.controlplane.service;

import io.longshore.controlplane.domain.EventTarget;
import io.longshore.controlplane.domain.PutRule;
import io.longshore.controlplane.store.EventBusRepository;
import io.longshore.controlplane.store.EventDeliveryEntity;
import io.longshore.controlplane.store.EventDeliveryRepository;
import io.longshore.controlplane.store.EventRuleEntity;
import io.longshore.controlplane.store.EventRuleRepository;
import io.longshore.controlplane.store.EventRunEntity;
import io.longshore.controlplane.store.EventRunRepository;
import io.longshore.controlplane.store.EventTargetEntity;
import io.longshore.controlplane.store.EventTargetRepository;
import io.longshore.controlplane.store.TaskEntity;
import io.longshore.controlplane.store.TaskRepository;
import io.longshore.controlplane.validation.EventRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Rules and targets: PutRule, DescribeRule, ListRules, DeleteRule, Enable/DisableRule, PutTargets, ListTargetsByRule, RemoveTargets, and a rule's runs. */
@ApplicationScoped
public class EventRuleService {
    public static final int RUNS_SHOWN = 100;

    private final EventBusRepository buses;
    private final EventRuleRepository rules;
    private final EventTargetRepository targets;
    private final EventDeliveryRepository deliveries;
    private final EventRunRepository runs;
    private final TaskRepository tasks;
    private final RuleCatalog catalog;
    private final Clock clock;

    public EventRuleService(EventBusRepository buses, EventRuleRepository rules, EventTargetRepository targets,
                            EventDeliveryRepository deliveries, EventRunRepository runs, TaskRepository tasks,
                            RuleCatalog catalog, Clock clock) {
        this.buses = buses;
        this.rules = rules;
        this.targets = targets;
        this.deliveries = deliveries;
        this.runs = runs;
        this.tasks = tasks;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** One delivery of an event to a target, with the tasks each attempt ran. */
    public record Run(EventDeliveryEntity delivery, List<RunTask> tasks) {
    }

    public record RunTask(int attempt, TaskEntity task) {
    }

    /** Creates or updates the rule; a changed schedule starts counting from now. */
    public Uni<EventRuleEntity> put(String bus, String name, PutRule body) {
        Instant now = clock.instant();
        EventRules.ValidRule valid = EventRules.rule(bus, name, body, now);
        return changing(() -> bus(bus).flatMap(b -> rules.find(bus, name, LockModeType.PESSIMISTIC_WRITE))
                .flatMap(existing -> {
                    EventRuleEntity rule = existing != null ? existing : new EventRuleEntity();
                    boolean scheduleChanged = existing == null
                            || !Objects.equals(existing.scheduleExpression, valid.scheduleExpression())
                            || !Objects.equals(existing.scheduleTimezone, valid.scheduleTimezone());
                    rule.bus = bus;
                    rule.name = name;
                    rule.description = valid.description();
                    rule.eventPattern = valid.eventPattern();
                    rule.scheduleExpression = valid.scheduleExpression();
                    rule.scheduleTimezone = valid.scheduleTimezone();
                    rule.state = valid.state();
                    if (scheduleChanged) {
                        rule.scheduleAnchor = valid.scheduleExpression() == null ? null : now;
                        rule.lastFiredAt = null;
                    } else if (!existing.isEnabled() && "ENABLED".equals(valid.state())) {
                        rule.lastFiredAt = now; // a disabled rule owes no ticks
                    }
                    rule.updatedAt = now;
                    if (existing == null) {
                        rule.createdAt = now;
                        return rules.persist(rule);
                    }
                    return Uni.createFrom().item(rule);
                }));
    }

    public Uni<EventRuleEntity> describe(String bus, String name) {
        return Panache.withSession(() -> find(bus, name, LockModeType.NONE));
    }

    public Uni<List<EventRuleEntity>> list(String bus, String namePrefix) {
        return Panache.withSession(() -> bus(bus).flatMap(b -> rules.listByPrefix(bus,
                namePrefix == null || namePrefix.isBlank() ? null : namePrefix)));
    }

    /** Refused while the rule has targets, unless forced (its targets go with it). */
    public Uni<Void> delete(String bus, String name, boolean force) {
        return changing(() -> find(bus, name, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(rule -> targets.countOfRule(bus, name).flatMap(count -> {
                    if (count > 0 && !force) {
                        return Uni.createFrom().failure(new ServiceException(400, EventRules.VALIDATION,
                                "Name: rule " + name + " still has " + count
                                        + " target(s); remove them first or delete with force=true"));
                    }
                    return rules.delete(rule);
                })));
    }

    public Uni<EventRuleEntity> setState(String bus, String name, boolean enabled) {
        return changing(() -> find(bus, name, LockModeType.PESSIMISTIC_WRITE).invoke(rule -> {
            String state = enabled ? "ENABLED" : "DISABLED";
            if (!state.equals(rule.state)) {
                rule.state = state;
                rule.updatedAt = clock.instant();
                if (enabled && rule.scheduleExpression != null) {
                    rule.lastFiredAt = rule.updatedAt; // the times it was disabled for are not owed
                }
            }
        }));
    }

    /** Adds or replaces targets by Id; the whole request is refused if any target breaks a rule. */
    public Uni<List<EventTargetEntity>> putTargets(String bus, String rule, List<EventTarget> given) {
        return changing(() -> find(bus, rule, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(r -> targets.ofRule(bus, rule))
                .flatMap(existing -> {
                    Map<String, EventTargetEntity> byId = existing.stream()
                            .collect(Collectors.toMap(t -> t.id, Function.identity()));
                    EventRules.targets(given, existing.size(), Set.copyOf(byId.keySet()));
                    Instant now = clock.instant();
                    return Multi.createFrom().iterable(given).onItem().transformToUniAndConcatenate(t -> {
                        EventTargetEntity row = byId.get(t.id());
                        if (row != null) {
                            row.set(t);
                            return Uni.createFrom().item(row);
                        }
                        row = new EventTargetEntity();
                        row.bus = bus;
                        row.rule = rule;
                        row.id = t.id();
                        row.createdAt = now;
                        row.set(t);
                        return targets.persist(row);
                    }).collect().asList();
                }));
    }

    public Uni<List<EventTargetEntity>> listTargets(String bus, String rule) {
        return Panache.withSession(() -> find(bus, rule, LockModeType.NONE).flatMap(r -> targets.ofRule(bus, rule)));
    }

    public Uni<Long> removeTarget(String bus, String rule, String id) {
        return changing(() -> find(bus, rule, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(r -> targets.delete(bus, rule, id))
                .flatMap(n -> n == 0 ? Uni.createFrom().failure(new ServiceException(404,
                        "ResourceNotFoundException", "Id: rule " + rule + " has no target " + id))
                        : Uni.createFrom().item(n)));
    }

    /** The rule's newest deliveries with the tasks of each attempt. */
    public Uni<List<Run>> runs(String bus, String rule) {
        return Panache.withSession(() -> find(bus, rule, LockModeType.NONE)
                .flatMap(r -> deliveries.newestOfRule(bus, rule, RUNS_SHOWN))
                .flatMap(shown -> runs.ofRule(bus, rule).flatMap(all -> tasks.listByIds(
                                all.stream().map(run -> run.taskId).toList())
                        .map(rows -> {
                            Map<String, TaskEntity> byId = rows.stream()
                                    .collect(Collectors.toMap(t -> t.id, Function.identity()));
                            return shown.stream().map(d -> new Run(d, all.stream()
                                    .filter(run -> run.targetId.equals(d.targetId) && run.eventId.equals(d.eventId))
                                    .filter(run -> byId.containsKey(run.taskId))
                                    .map(run -> new RunTask(run.attempt, byId.get(run.taskId)))
                                    .toList())).toList();
                        }))));
    }

    /** A change to rules or targets: bumps the revision in the same transaction and reloads the catalog after it. */
    private <T> Uni<T> changing(Supplier<Uni<T>> change) {
        return Panache.withTransaction(() -> change.get().flatMap(result -> rules.bumpRevision().replaceWith(result)))
                .invoke(catalog::invalidate);
    }

    private Uni<Void> bus(String bus) {
        return buses.findById(bus).onItem().ifNull().failWith(() -> EventBusService.busNotFound(bus)).replaceWithVoid();
    }

    private Uni<EventRuleEntity> find(String bus, String name, LockModeType lock) {
        return bus(bus).flatMap(b -> rules.find(bus, name, lock))
                .onItem().ifNull().failWith(() -> new ServiceException(404, "ResourceNotFoundException",
                        "Name: rule " + name + " does not exist on event bus " + bus));
    }
}
