package io.longshore.controlplane.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.KeyValuePair;
import io.longshore.controlplane.domain.ContainerOverride;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.TaskOverride;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunTaskRulesTest {

    static RunTask run(Integer count) {
        return new RunTask("web", count, null, null, null, null, null);
    }

    static RunTask withConstraints(List<PlacementConstraint> constraints) {
        return new RunTask("web", 1, null, null, null, constraints, null);
    }

    static RunTask withStrategies(List<PlacementStrategy> strategies) {
        return new RunTask("web", 1, null, null, null, null, strategies);
    }

    static RunTask withOverrides(ContainerOverride... overrides) {
        return new RunTask("web", 1, new TaskOverride(List.of(overrides)), null, null, null, null);
    }

    static void assertRefused(RunTask request, String message) {
        assertThatThrownBy(() -> RunTaskRules.validate(request))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaults() {
        ValidRunTask valid = RunTaskRules.validate(run(null));
        assertThat(valid.count()).isEqualTo(1);
        assertThat(valid.taskDefinition().family()).isEqualTo("web");
        assertThat(valid.taskDefinition().revision()).isNull();
        assertThat(valid.placementConstraints()).isEmpty();
        assertThat(valid.placementStrategy()).isEmpty();
        assertThat(valid.overrides().containerOverridesOrEmpty()).isEmpty();
    }

    @Test
    void taskDefinitionIsRequiredAndWellFormed() {
        assertRefused(new RunTask(null, 1, null, null, null, null, null), "taskDefinition: is required");
        assertRefused(new RunTask("web:x", 1, null, null, null, null, null),
                "taskDefinition: must be a family, family:revision or a task definition ARN");
        assertRefused(new RunTask("web:0", 1, null, null, null, null, null), "taskDefinition: must be a family");
        assertThat(RunTaskRules.validate(new RunTask("arn:aws:ecs:local:000000000000:task-definition/web:4", 1, null,
                null, null, null, null)).taskDefinition().revision()).isEqualTo(4);
    }

    @Test
    void countIsBetweenOneAndTen() {
        assertRefused(run(0), "count: must be between 1 and 10");
        assertRefused(run(11), "count: must be between 1 and 10");
        assertRefused(run(-3), "count: must be between 1 and 10");
        assertThat(RunTaskRules.validate(run(10)).count()).isEqualTo(10);
    }

    @Test
    void startedByAndGroupLengths() {
        assertRefused(new RunTask("web", 1, null, "x".repeat(129), null, null, null), "startedBy: must be 1 to 128 characters");
        assertRefused(new RunTask("web", 1, null, null, " ", null, null), "group: must be 1 to 255 characters");
    }

    @Test
    void placementConstraints() {
        assertRefused(withConstraints(List.of(new PlacementConstraint("memberOf", null))),
                "placementConstraints[0].expression: is required for memberOf");
        assertRefused(withConstraints(List.of(new PlacementConstraint(null, null))),
                "placementConstraints[0].type: is required");
        assertRefused(withConstraints(List.of(new PlacementConstraint("distinctInstance", null),
                new PlacementConstraint("affinity", null))), "placementConstraints[1].type: must be distinctInstance or memberOf");
        assertRefused(withConstraints(IntStream.range(0, 11)
                .mapToObj(i -> new PlacementConstraint("distinctInstance", null)).toList()),
                "placementConstraints: at most 10 constraints are allowed");
        assertRefused(withConstraints(Collections.singletonList(null)), "placementConstraints[0]: is required");
        RunTaskRules.validate(withConstraints(List.of(new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"))));
        assertRefused(withConstraints(List.of(new PlacementConstraint("memberOf", "attribute:ecs.os-type foo linux"))),
                "placementConstraints[0].expression: unexpected 'foo' at position 23: expected an operator");
        assertRefused(withConstraints(List.of(new PlacementConstraint("memberOf", "attribute:a =~ 'x('"))),
                "placementConstraints[0].expression: invalid regular expression 'x(' at position 16: "
                        + "expected a Java regular expression (Unclosed group)");
    }

    @Test
    void placementStrategies() {
        assertRefused(withStrategies(List.of(new PlacementStrategy("binpack", "disk"))),
                "placementStrategy[0].field: must be cpu or memory for binpack");
        assertRefused(withStrategies(List.of(new PlacementStrategy("spread", null))),
                "placementStrategy[0].field: is required for spread");
        assertRefused(withStrategies(List.of(new PlacementStrategy("roundRobin", null))),
                "placementStrategy[0].type: must be binpack, spread or random");
        assertRefused(withStrategies(IntStream.range(0, 6).mapToObj(i -> new PlacementStrategy("random", null)).toList()),
                "placementStrategy: at most 5 strategies are allowed");
        RunTaskRules.validate(withStrategies(List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                new PlacementStrategy("binpack", "cpu"), new PlacementStrategy("random", null))));
    }

    @Test
    void overrides() {
        assertRefused(withOverrides(new ContainerOverride(null, null, null, null, null)),
                "overrides.containerOverrides[0].name: is required");
        assertRefused(withOverrides(new ContainerOverride("web", null, null, null, 3)),
                "overrides.containerOverrides[0].memory: must be at least 6 MiB");
        assertRefused(withOverrides(new ContainerOverride("web", null, null, -1, null)),
                "overrides.containerOverrides[0].cpu: must be at least 0");
        assertRefused(withOverrides(new ContainerOverride("web", null, List.of(new KeyValuePair(null, "x")), null, null)),
                "overrides.containerOverrides[0].environment[0].name: is required");
        assertRefused(withOverrides(new ContainerOverride("web", null, null, null, null),
                new ContainerOverride("web", null, null, null, null)),
                "overrides.containerOverrides[1].name: overrides container web more than once");
    }

    static TaskDefinition definitionWith(int constraints) {
        return new TaskDefinition("web", 3, "ACTIVE", List.of(new ContainerDefinition("app", "x", null, 64, null,
                null, null, null, null, null, null, null, null)), null, null, "bridge", Instant.now(), null,
                IntStream.range(0, constraints)
                        .mapToObj(i -> new PlacementConstraint("memberOf", "attribute:zone == z" + i)).toList());
    }

    @Test
    void theDefinitionsConstraintsAndTheRequestsBothApply() {
        TaskDefinition definition = definitionWith(2);
        ValidRunTask valid = RunTaskRules.validate(withConstraints(List.of(new PlacementConstraint("distinctInstance", null),
                new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"))));
        RunTaskRules.checkAgainst(valid, definition);
        assertThat(RunTaskRules.placementConstraints(valid, definition)).containsExactly(
                new PlacementConstraint("memberOf", "attribute:zone == z0"),
                new PlacementConstraint("memberOf", "attribute:zone == z1"),
                new PlacementConstraint("distinctInstance", null),
                new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"));
        // Either side alone.
        assertThat(RunTaskRules.placementConstraints(RunTaskRules.validate(run(1)), definition)).hasSize(2);
        assertThat(RunTaskRules.placementConstraints(valid, definitionWith(0))).isEqualTo(valid.placementConstraints());
    }

    @Test
    void atMostTenConstraintsInTotalWithTheDefinitions() {
        List<PlacementConstraint> seven = IntStream.range(0, 7)
                .mapToObj(i -> new PlacementConstraint("memberOf", "attribute:a == " + i)).toList();
        ValidRunTask valid = RunTaskRules.validate(withConstraints(seven));
        RunTaskRules.checkAgainst(valid, definitionWith(3));
        assertThat(RunTaskRules.placementConstraints(valid, definitionWith(3))).hasSize(10);
        assertThatThrownBy(() -> RunTaskRules.checkAgainst(valid, definitionWith(4)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("placementConstraints: at most 10 constraints in total with the task definition's (4)")
                .satisfies(e -> assertThat(((InvalidRequestException) e).type()).isEqualTo("InvalidParameterException"));
        // A definition's ten leave no room for a request's one.
        ValidRunTask one = RunTaskRules.validate(withConstraints(List.of(new PlacementConstraint("distinctInstance", null))));
        assertThatThrownBy(() -> RunTaskRules.checkAgainst(one, definitionWith(10)))
                .hasMessage("placementConstraints: at most 10 constraints in total with the task definition's (10)");
        RunTaskRules.checkAgainst(RunTaskRules.validate(run(1)), definitionWith(10));
    }

    @Test
    void overridesMustNameContainersOfTheDefinition() {
        TaskDefinition definition = new TaskDefinition("web", 3, "ACTIVE", List.of(new ContainerDefinition("app",
                "x", null, 64, null, null, null, null, null, null, null, null, null)), null, null, "bridge",
                Instant.now(), null);
        ValidRunTask ok = RunTaskRules.validate(withOverrides(new ContainerOverride("app", null, null, null, null)));
        RunTaskRules.checkAgainst(ok, definition);
        ValidRunTask wrong = RunTaskRules.validate(withOverrides(new ContainerOverride("db", null, null, null, null)));
        assertThatThrownBy(() -> RunTaskRules.checkAgainst(wrong, definition))
                .hasMessage("overrides.containerOverrides[0].name: no container named db in task definition web:3");
    }
}
