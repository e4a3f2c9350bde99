package io.longshore.controlplane.service;

import io.longshore.controlplane.domain.RegisterTaskDefinition;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.TaskDefinitionDraft;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.TaskDefinitionEntity;
import io.longshore.controlplane.store.TaskDefinitionRepository;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.TaskDefinitionRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, DeregisterTaskDefinition. */
@ApplicationScoped
public class TaskDefinitionService {
    private static final Set<String> LIST_STATUSES = Set.of("ACTIVE", "INACTIVE", "ALL");

    private final TaskDefinitionRepository definitions;
    private final Clock clock;

    public TaskDefinitionService(TaskDefinitionRepository definitions, Clock clock) {
        this.definitions = definitions;
        this.clock = clock;
    }

    public Uni<TaskDefinition> register(RegisterTaskDefinition request) {
        TaskDefinitionDraft draft = TaskDefinitionRules.validate(request);
        return Panache.withTransaction(() -> definitions.nextRevision(draft.family())
                .flatMap(revision -> {
                    TaskDefinitionEntity row = new TaskDefinitionEntity();
                    row.family = draft.family();
                    row.revision = revision;
                    row.status = TaskDefinition.ACTIVE;
                    row.networkMode = draft.networkMode();
                    row.cpu = draft.cpu();
                    row.memory = draft.memory();
                    row.containerDefinitions = JsonColumns.write(draft.containerDefinitions());
                    row.placementConstraints = JsonColumns.write(draft.placementConstraints());
                    row.registeredAt = clock.instant();
                    return definitions.persist(row);
                })
                .map(TaskDefinitionEntity::toDomain));
    }

    /** {@code family} is its latest ACTIVE revision; {@code family:revision} any revision, INACTIVE too. */
    public Uni<TaskDefinition> describe(String reference) {
        TaskDefinitionReference ref = parse(reference);
        return Panache.withSession(() -> find(ref, LockModeType.NONE))
                .onItem().ifNull().failWith(() -> ServiceException.taskDefinitionNotFound(404, ref.toString()))
                .map(TaskDefinitionEntity::toDomain);
    }

    public Uni<List<String>> listArns(String familyPrefix, String status) {
        String wanted = status == null ? "ACTIVE" : status;
        if (!LIST_STATUSES.contains(wanted)) {
            throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, "status",
                    "must be ACTIVE, INACTIVE or ALL");
        }
        return Panache.withSession(() -> definitions.listByPrefix(familyPrefix, "ALL".equals(wanted) ? null : wanted))
                .map(rows -> rows.stream().map(r -> r.toDomain().arn()).toList());
    }

    /** Marks a revision INACTIVE: no new tasks from it; tasks already running are left alone. */
    public Uni<TaskDefinition> deregister(String reference) {
        TaskDefinitionReference ref = parse(reference);
        if (ref.revision() == null) {
            throw InvalidRequestException.of(InvalidRequestException.CLIENT_EXCEPTION, "taskDefinition",
                    "must name a revision (family:revision)");
        }
        return Panache.withTransaction(() -> find(ref, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ServiceException.taskDefinitionNotFound(404, ref.toString()))
                .map(row -> {
                    if (TaskDefinition.ACTIVE.equals(row.status)) {
                        row.status = TaskDefinition.INACTIVE;
                        row.deregisteredAt = clock.instant();
                    }
                    return row.toDomain();
                }));
    }

    /** Resolves a reference inside the caller's session; null when there is no such definition. */
    Uni<TaskDefinitionEntity> find(TaskDefinitionReference ref, LockModeType lock) {
        return ref.revision() == null
                ? definitions.findLatestActive(ref.family())
                : definitions.findRevision(ref.family(), ref.revision(), lock);
    }

    static TaskDefinitionReference parse(String reference) {
        return TaskDefinitionReference.parse(reference).orElseThrow(() -> InvalidRequestException.of(
                InvalidRequestException.CLIENT_EXCEPTION, "taskDefinition",
                "must be a family, family:revision or a task definition ARN"));
    }
}
