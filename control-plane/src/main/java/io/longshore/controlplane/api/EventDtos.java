package io.longshore.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.model.Arns;
import io.longshore.controlplane.domain.EventTarget;
import io.longshore.controlplane.service.EventBusService;
import io.longshore.controlplane.service.EventRuleService;
import io.longshore.controlplane.store.EventBusEntity;
import io.longshore.controlplane.store.EventRuleEntity;
import io.longshore.controlplane.store.EventTargetEntity;
import java.time.Instant;
import java.util.List;

/** The event API's bodies, with EventBridge's member names (upper camel case). */
public final class EventDtos {
    private EventDtos() {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record PutEventsResponse(int failedEntryCount, List<PutEventsResultEntry> entries) {
        static PutEventsResponse of(EventBusService.Result result) {
            return new PutEventsResponse(result.failedEntryCount(), result.entries().stream()
                    .map(e -> new PutEventsResultEntry(e.eventId(), e.errorCode(), e.errorMessage())).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record PutEventsResultEntry(String eventId, String errorCode, String errorMessage) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record CreateEventBusRequest(String name) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record EventBus(String name, String arn, Instant creationTime) {
        static EventBus of(EventBusEntity bus) {
            return new EventBus(bus.name, Arns.eventBus(bus.name), bus.createdAt);
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record EventBusesResponse(List<EventBus> eventBuses) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record Rule(String name, String arn, String eventBusName, String eventPattern, String scheduleExpression,
                       String scheduleExpressionTimezone, String state, String description) {
        static Rule of(EventRuleEntity r) {
            return new Rule(r.name, Arns.eventRule(r.bus, r.name), r.bus, r.eventPattern, r.scheduleExpression,
                    r.scheduleTimezone, r.state, r.description);
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record PutRuleResponse(String ruleArn) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record RulesResponse(List<Rule> rules) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record PutTargetsRequest(List<EventTarget> targets) {
    }

    /** Targets are checked as a whole, so a successful call has no failed entries. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record PutTargetsResponse(int failedEntryCount, List<Object> failedEntries) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record TargetsResponse(List<EventTarget> targets) {
        static TargetsResponse of(List<EventTargetEntity> rows) {
            return new TargetsResponse(rows.stream().map(EventTargetEntity::toDomain).toList());
        }
    }

    /** TestEventPattern: the event as JSON text (EventBridge) or as an object. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record TestEventPatternRequest(JsonNode eventPattern, JsonNode event) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record TestEventPatternResponse(boolean result) {
    }

    /** One delivery of an event to a target: a run, with the ECS tasks of each attempt. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record Run(String eventId, String targetId, String state, int attempts, String errorCode,
                      String errorMessage, Instant nextAttemptAt, Instant createdAt, List<RunTask> tasks) {
        static Run of(EventRuleService.Run run) {
            return new Run(run.delivery().eventId, run.delivery().targetId, run.delivery().state,
                    run.delivery().attempts, run.delivery().errorCode, run.delivery().errorMessage,
                    run.delivery().nextAttemptAt, run.delivery().createdAt,
                    run.tasks().stream().map(t -> new RunTask(t.attempt(), TaskDtos.Task.of(t.task()))).toList());
        }
    }

    /** An attempt's task as DescribeTasks shows it (ECS's member names). */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record RunTask(int attempt, TaskDtos.Task task) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record RunsResponse(List<Run> runs) {
    }
}
