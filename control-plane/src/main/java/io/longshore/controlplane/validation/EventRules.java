package io.longshore.controlplane.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Arns;
import io.longshore.controlplane.domain.EventTarget;
import io.longshore.controlplane.domain.PutRule;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.events.input.InputTransformer;
import io.longshore.events.input.TargetInput;
import io.longshore.events.pattern.EventPatterns;
import io.longshore.events.schedule.InvalidScheduleException;
import io.longshore.events.schedule.ScheduleExpression;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** EventBridge's rules for buses, rules and targets, with its limits. Pure. */
public final class EventRules {
    public static final String VALIDATION = "ValidationException";
    public static final String INVALID_PATTERN = "InvalidEventPatternException";
    public static final int MAX_TARGETS = 5;
    public static final int MAX_TASK_COUNT = 10;
    private static final Pattern NAME = Pattern.compile("^[.\\-_A-Za-z0-9]+$");
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");

    private EventRules() {
    }

    /** A rule as it will be stored: pattern text, schedule, state. */
    public record ValidRule(String description, String eventPattern, String scheduleExpression,
                            String scheduleTimezone, String state) {
    }

    public static void busName(String name) {
        Violations v = new Violations();
        name(v, "Name", name, 256);
        v.throwIfAny(VALIDATION);
    }

    public static void ruleName(String name) {
        Violations v = new Violations();
        name(v, "Name", name, 64);
        v.throwIfAny(VALIDATION);
    }

    /**
     * PutRule's rules: a valid name, exactly one of EventPattern and ScheduleExpression, a pattern
     * event-ruler accepts, a schedule that parses, schedules only on the default bus.
     */
    public static ValidRule rule(String bus, String name, PutRule body, Instant now) {
        Violations v = new Violations();
        name(v, "Name", name, 64);
        if (body == null) {
            v.add("EventPattern", "an EventPattern or a ScheduleExpression is required");
            v.throwIfAny(VALIDATION);
        }
        String pattern = patternText(body.eventPattern());
        boolean hasSchedule = !Violations.isBlank(body.scheduleExpression());
        if ((pattern == null) == !hasSchedule) {
            v.add("EventPattern", "exactly one of EventPattern and ScheduleExpression is required");
        }
        if (body.description() != null && body.description().length() > 512) {
            v.add("Description", "must be at most 512 characters");
        }
        String state = body.state() == null ? "ENABLED" : body.state();
        if (!STATES.contains(state)) {
            v.add("State", "must be ENABLED or DISABLED");
        }
        if (hasSchedule) {
            if (!"default".equals(bus)) {
                v.add("ScheduleExpression", "schedule expressions are supported only on the default event bus");
            }
            try {
                ScheduleExpression.parse(body.scheduleExpression(), body.scheduleExpressionTimezone(), now);
            } catch (InvalidScheduleException e) {
                v.add(e.getMessage().startsWith("ScheduleExpressionTimezone") ? "ScheduleExpressionTimezone"
                        : "ScheduleExpression", stripMember(e.getMessage()));
            }
        } else if (body.scheduleExpressionTimezone() != null) {
            v.add("ScheduleExpressionTimezone", "applies only to a ScheduleExpression");
        }
        v.throwIfAny(VALIDATION);
        if (pattern != null) {
            Optional<String> problem = EventPatterns.check(pattern);
            if (problem.isPresent()) {
                throw InvalidRequestException.of(INVALID_PATTERN, "EventPattern", problem.get());
            }
        }
        return new ValidRule(body.description(), pattern, hasSchedule ? body.scheduleExpression() : null,
                hasSchedule ? blankToNull(body.scheduleExpressionTimezone()) : null, state);
    }

    /** The pattern as JSON text, whether it came as text or as an object; null when absent. */
    public static String patternText(JsonNode pattern) {
        if (pattern == null || pattern.isNull()) {
            return null;
        }
        return pattern.isTextual() ? pattern.asText() : Json.write(pattern);
    }

    /** PutTargets' rules, each violation named by its place in the list. */
    public static void targets(List<EventTarget> targets, long alreadyOnRule, Set<String> idsOnRule) {
        Violations v = new Violations();
        if (targets == null || targets.isEmpty()) {
            v.add("Targets", "at least one target is required");
            v.throwIfAny(VALIDATION);
        }
        Set<String> ids = new HashSet<>();
        long added = 0;
        for (int i = 0; i < targets.size(); i++) {
            EventTarget t = targets.get(i);
            String at = "Targets[" + i + "].";
            if (t == null) {
                v.add("Targets[" + i + "]", "is required");
                continue;
            }
            name(v, at + "Id", t.id(), 64);
            if (t.id() != null && !ids.add(t.id())) {
                v.add(at + "Id", "is given twice");
            }
            if (t.id() != null && !idsOnRule.contains(t.id())) {
                added++;
            }
            if (Violations.isBlank(t.arn())) {
                v.add(at + "Arn", "is required (the ARN or name of the cluster to run tasks in)");
            } else if (!Violations.NAME.matcher(Arns.lastSegment(t.arn())).matches()) {
                v.add(at + "Arn", "must be a cluster ARN or name");
            }
            ecs(v, at + "EcsParameters", t.ecsParameters());
            retry(v, at + "RetryPolicy", t.retryPolicy());
            for (String problem : input(t).violations()) {
                v.add(at + memberOf(problem), stripMember(problem));
            }
        }
        if (alreadyOnRule + added > MAX_TARGETS) {
            v.add("Targets", "a rule has at most " + MAX_TARGETS + " targets");
        }
        v.throwIfAny(VALIDATION);
    }

    public static TargetInput input(EventTarget target) {
        EventTarget.InputTransformer t = target.inputTransformer();
        return new TargetInput(target.input(), target.inputPath(),
                t == null ? null : new InputTransformer(t.inputPathsMap(), t.inputTemplate()));
    }

    private static void ecs(Violations v, String at, EventTarget.EcsParameters ecs) {
        if (ecs == null) {
            v.add(at, "is required");
            return;
        }
        if (Violations.isBlank(ecs.taskDefinitionArn())) {
            v.add(at + ".TaskDefinitionArn", "is required");
        } else if (TaskDefinitionReference.parse(ecs.taskDefinitionArn()).isEmpty()) {
            v.add(at + ".TaskDefinitionArn", "must be a family, family:revision or a task definition ARN");
        }
        if (ecs.taskCount() != null && (ecs.taskCount() < 1 || ecs.taskCount() > MAX_TASK_COUNT)) {
            v.add(at + ".TaskCount", "must be between 1 and " + MAX_TASK_COUNT);
        }
        if (ecs.launchType() != null && !Set.of("EC2", "EXTERNAL").contains(ecs.launchType())) {
            v.add(at + ".LaunchType", "must be EC2 or EXTERNAL (Longshore runs tasks on container instances)");
        }
        // The placement members and group follow RunTask's own rules.
        List<PlacementConstraint> constraints = ecs.placementConstraints() == null ? List.of()
                : ecs.placementConstraints();
        List<PlacementStrategy> strategies = ecs.placementStrategy() == null ? List.of() : ecs.placementStrategy();
        try {
            RunTaskRules.validate(new RunTask(ecs.taskDefinitionArn() == null ? "x" : ecs.taskDefinitionArn(), 1,
                    null, null, ecs.group(), constraints, strategies));
        } catch (InvalidRequestException e) {
            e.violations().stream().filter(x -> !x.field().equals("taskDefinition"))
                    .forEach(x -> v.add(at + "." + capitalize(x.field()), x.rule()));
        }
    }

    private static void retry(Violations v, String at, EventTarget.RetryPolicy retry) {
        if (retry == null) {
            return;
        }
        Integer attempts = retry.maximumRetryAttempts();
        if (attempts != null && (attempts < 0 || attempts > 185)) {
            v.add(at + ".MaximumRetryAttempts", "must be between 0 and 185");
        }
        Integer age = retry.maximumEventAgeInSeconds();
        if (age != null && (age < 60 || age > 86_400)) {
            v.add(at + ".MaximumEventAgeInSeconds", "must be between 60 and 86400");
        }
    }

    private static void name(Violations v, String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            v.add(field, "is required");
        } else if (value.length() > max || !NAME.matcher(value).matches()) {
            v.add(field, "must be 1 to " + max + " letters, digits, dots, hyphens or underscores");
        }
    }

    /** "Input: must be valid JSON" → "Input". */
    private static String memberOf(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? "Input" : problem.substring(0, colon);
    }

    private static String stripMember(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? problem : problem.substring(colon + 2);
    }

    private static String capitalize(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
