package io.longshore.controlplane.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.PortMapping;
import io.longshore.controlplane.domain.RegisterTaskDefinition;
import io.longshore.controlplane.domain.TaskDefinitionDraft;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskDefinitionRulesTest {

    static ContainerDefinition container(String name, String image, Integer memory) {
        return new ContainerDefinition(name, image, null, memory, null, null, null, null, null, null, null, null, null);
    }

    static ContainerDefinition withPorts(PortMapping... ports) {
        return new ContainerDefinition("web", "busybox", null, 64, null, List.of(ports), null, null, null, null, null,
                null, null);
    }

    static RegisterTaskDefinition request(ContainerDefinition... containers) {
        return new RegisterTaskDefinition("web", List.of(containers), null, null, null);
    }

    static void assertRefused(RegisterTaskDefinition request, String message) {
        assertThatThrownBy(() -> TaskDefinitionRules.validate(request))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InvalidRequestException) e).type()).isEqualTo("ClientException"));
    }

    @Test
    void aMinimalDefinitionIsValidWithDefaults() {
        TaskDefinitionDraft draft = TaskDefinitionRules.validate(request(container("web", "busybox", 64)));
        assertThat(draft.networkMode()).isEqualTo("bridge");
        assertThat(draft.cpu()).isNull();
        assertThat(draft.memory()).isNull();
        assertThat(draft.containerDefinitions()).hasSize(1);
    }

    @Test
    void familyIsRequiredAndNamed() {
        assertRefused(new RegisterTaskDefinition(null, List.of(container("a", "x", 64)), null, null, null),
                "family: is required");
        assertRefused(new RegisterTaskDefinition("web app", List.of(container("a", "x", 64)), null, null, null),
                "family: must be 1 to 255 letters, digits, hyphens or underscores");
        assertRefused(new RegisterTaskDefinition("x".repeat(256), List.of(container("a", "x", 64)), null, null, null),
                "family: must be 1 to 255");
    }

    @Test
    void containersAreRequiredAndAtMostTen() {
        assertRefused(new RegisterTaskDefinition("web", null, null, null, null),
                "containerDefinitions: at least one container definition is required");
        assertRefused(new RegisterTaskDefinition("web", List.of(), null, null, null),
                "containerDefinitions: at least one container definition is required");
        List<ContainerDefinition> eleven = IntStream.range(0, 11).mapToObj(i -> container("c" + i, "x", 64)).toList();
        assertRefused(new RegisterTaskDefinition("web", eleven, null, null, null),
                "containerDefinitions: at most 10 container definitions are allowed");
        assertRefused(new RegisterTaskDefinition("web", Collections.singletonList(null), null, null, null),
                "containerDefinitions[0]: is required");
    }

    @Test
    void imageIsRequired() {
        assertRefused(request(container("web", null, 64)), "containerDefinitions[0].image: is required");
        assertRefused(request(container("web", "  ", 64)), "containerDefinitions[0].image: is required");
        assertRefused(request(container("web", "bad image", 64)), "containerDefinitions[0].image: must be an image reference");
        assertRefused(request(container("web", "127.0.0.1:5000/app:", 64)),
                "containerDefinitions[0].image: must be an image reference: [registry/]repository[:tag][@digest]");
    }

    static ContainerDefinition pulled(String policy) {
        return new ContainerDefinition("web", "127.0.0.1:5000/team/app:1.0", null, 64, null, null, null, null, null,
                null, null, null, null, null, policy);
    }

    @Test
    void theImagePullPolicyIsIfNotPresentOrAlways() {
        assertThat(TaskDefinitionRules.validate(request(pulled(null))).containerDefinitions().get(0)
                .imagePullPolicyOrDefault()).isEqualTo("IF_NOT_PRESENT");
        assertThat(TaskDefinitionRules.validate(request(pulled("ALWAYS"))).containerDefinitions().get(0)
                .imagePullPolicy()).isEqualTo("ALWAYS");
        TaskDefinitionRules.validate(request(pulled("IF_NOT_PRESENT")));
        assertRefused(request(pulled("always")),
                "containerDefinitions[0].imagePullPolicy: must be IF_NOT_PRESENT or ALWAYS");
        assertRefused(request(pulled("NEVER")),
                "containerDefinitions[0].imagePullPolicy: must be IF_NOT_PRESENT or ALWAYS");
    }

    @Test
    void containerNamesFollowTheRuleAndAreUnique() {
        assertRefused(request(container(null, "x", 64)), "containerDefinitions[0].name: is required");
        assertRefused(request(container("we/b", "x", 64)), "containerDefinitions[0].name: must be 1 to 255 letters");
        assertRefused(request(container("web", "x", 64), container("db", "x", 64), container("web", "y", 64)),
                "containerDefinitions: container names must be unique (web)");
    }

    @Test
    void memoryRules() {
        assertRefused(request(container("a", "x", 64), container("b", "x", 5)),
                "containerDefinitions[1].memory: must be at least 6 MiB");
        assertRefused(request(container("a", "x", null)),
                "containerDefinitions[0].memory: is required when neither memoryReservation nor the task memory is set");
        ContainerDefinition reservationAboveLimit = new ContainerDefinition("a", "x", null, 64, 128, null, null, null,
                null, null, null, null, null);
        assertRefused(request(reservationAboveLimit), "containerDefinitions[0].memoryReservation: must not exceed memory (64 MiB)");
        ContainerDefinition tinyReservation = new ContainerDefinition("a", "x", null, null, 2, null, null, null, null,
                null, null, null, null);
        assertRefused(request(tinyReservation), "containerDefinitions[0].memoryReservation: must be at least 6 MiB");
        // A reservation alone, or the task memory alone, is enough.
        ContainerDefinition reservationOnly = new ContainerDefinition("a", "x", null, null, 64, null, null, null, null,
                null, null, null, null);
        assertThat(TaskDefinitionRules.validate(request(reservationOnly)).containerDefinitions()).hasSize(1);
        assertThat(TaskDefinitionRules.validate(new RegisterTaskDefinition("web",
                List.of(container("a", "x", null)), null, "512", null)).memory()).isEqualTo(512);
        assertRefused(new RegisterTaskDefinition("web", List.of(container("a", "x", 1024)), null, "512", null),
                "containerDefinitions[0].memory: must not exceed the task memory (512 MiB)");
    }

    @Test
    void taskCpuAndMemoryUnits() {
        TaskDefinitionDraft draft = TaskDefinitionRules.validate(new RegisterTaskDefinition("web",
                List.of(container("a", "x", null)), "0.5 vCPU", "2 GB", null));
        assertThat(draft.cpu()).isEqualTo(512);
        assertThat(draft.memory()).isEqualTo(2048);
        assertRefused(new RegisterTaskDefinition("web", List.of(container("a", "x", 64)), "lots", null, null),
                "cpu: must be a whole number of CPU units");
        assertRefused(new RegisterTaskDefinition("web", List.of(container("a", "x", 64)), "0", null, null),
                "cpu: must be a whole number of CPU units between 1 and 196608");
        assertRefused(new RegisterTaskDefinition("web", List.of(container("a", "x", null)), null, "4", null),
                "memory: must be at least 6 MiB");
        assertRefused(new RegisterTaskDefinition("web", List.of(container("a", "x", null)), null, "much", null),
                "memory: must be a whole number of MiB");
        ContainerDefinition hungry = new ContainerDefinition("a", "x", 2048, 64, null, null, null, null, null, null,
                null, null, null);
        assertRefused(new RegisterTaskDefinition("web", List.of(hungry), "1024", null, null),
                "containerDefinitions[0].cpu: must not exceed the task cpu (1024)");
        ContainerDefinition negative = new ContainerDefinition("a", "x", -1, 64, null, null, null, null, null, null,
                null, null, null);
        assertRefused(request(negative), "containerDefinitions[0].cpu: must be at least 0");
    }

    @Test
    void networkMode() {
        assertRefused(new RegisterTaskDefinition("web", List.of(container("a", "x", 64)), null, null, "awsvpc"),
                "networkMode: must be bridge, host or none");
        assertThat(TaskDefinitionRules.validate(new RegisterTaskDefinition("web", List.of(container("a", "x", 64)),
                null, null, "none")).networkMode()).isEqualTo("none");
    }

    @Test
    void portMappingRules() {
        assertRefused(request(withPorts(new PortMapping(null, 80, null))),
                "containerDefinitions[0].portMappings[0].containerPort: is required");
        assertRefused(request(withPorts(new PortMapping(0, null, null))),
                "containerDefinitions[0].portMappings[0].containerPort: must be between 1 and 65535");
        assertRefused(request(withPorts(new PortMapping(80, null, null), new PortMapping(70000, null, null))),
                "containerDefinitions[0].portMappings[1].containerPort: must be between 1 and 65535");
        assertRefused(request(withPorts(new PortMapping(80, 65536, null))),
                "containerDefinitions[0].portMappings[0].hostPort: must be between 0 and 65535");
        assertRefused(request(withPorts(new PortMapping(80, -1, null))),
                "containerDefinitions[0].portMappings[0].hostPort: must be between 0 and 65535");
        assertRefused(request(withPorts(new PortMapping(80, 8080, "icmp"))),
                "containerDefinitions[0].portMappings[0].protocol: must be tcp or udp");
        assertRefused(request(withPorts(new PortMapping(80, 8080, null), new PortMapping(81, 8080, "tcp"))),
                "containerDefinitions[0].portMappings[1].hostPort: host port 8080/tcp is already mapped by containerDefinitions[0].portMappings[0]");
        // Same port, different protocols, and dynamic ports never clash.
        TaskDefinitionRules.validate(request(withPorts(new PortMapping(53, 53, "tcp"), new PortMapping(53, 53, "udp"),
                new PortMapping(80, 0, null), new PortMapping(81, null, null))));
    }

    @Test
    void hostAndNoneNetworkModesConstrainPorts() {
        ContainerDefinition c = withPorts(new PortMapping(80, 81, null));
        assertRefused(new RegisterTaskDefinition("web", List.of(c), null, null, "host"),
                "containerDefinitions[0].portMappings[0].hostPort: must be absent or equal to containerPort when networkMode is host");
        TaskDefinitionRules.validate(new RegisterTaskDefinition("web",
                List.of(withPorts(new PortMapping(80, 80, null), new PortMapping(81, null, null))), null, null, "host"));
        assertRefused(new RegisterTaskDefinition("web", List.of(withPorts(new PortMapping(80, null, null))), null, null,
                "none"), "containerDefinitions[0].portMappings: must be empty when networkMode is none");
    }

    @Test
    void environmentLabelsStopTimeoutAndEssential() {
        ContainerDefinition env = new ContainerDefinition("a", "x", null, 64, null, null, null,
                List.of(new KeyValuePair("", "v")), null, null, null, null, null);
        assertRefused(request(env), "containerDefinitions[0].environment[0].name: is required");
        ContainerDefinition timeout = new ContainerDefinition("a", "x", null, 64, null, null, null, null, null, null,
                null, -5, null);
        assertRefused(request(timeout), "containerDefinitions[0].stopTimeout: must be at least 0 seconds");
        ContainerDefinition labels = new ContainerDefinition("a", "x", null, 64, null, null, null, null, null, null,
                null, null, Map.of(" ", "v"));
        assertRefused(request(labels), "containerDefinitions[0].dockerLabels: label names must not be empty");
        ContainerDefinition sidecar = new ContainerDefinition("a", "x", null, 64, null, null, false, null, null, null,
                null, null, null);
        assertRefused(request(sidecar), "containerDefinitions: at least one container must be essential");
    }

    static RegisterTaskDefinition withConstraints(List<PlacementConstraint> constraints) {
        return new RegisterTaskDefinition("web", List.of(container("a", "x", 64)), null, null, null, constraints);
    }

    @Test
    void placementConstraintsAreMemberOfOnlyWithAnExpressionThatParses() {
        assertThat(TaskDefinitionRules.validate(request(container("a", "x", 64))).placementConstraints()).isEmpty();
        List<PlacementConstraint> ok = List.of(new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"),
                new PlacementConstraint("memberOf", "attribute:ecs.availability-zone in [az-a, az-b] and not(task:group == db)"));
        assertThat(TaskDefinitionRules.validate(withConstraints(ok)).placementConstraints()).isEqualTo(ok);

        assertRefused(withConstraints(List.of(new PlacementConstraint("memberOf", "attribute:a foo b"))),
                "placementConstraints[0].expression: unexpected 'foo' at position 13: expected an operator");
        assertRefused(withConstraints(List.of(new PlacementConstraint("memberOf", "attribute:a == b"),
                new PlacementConstraint("memberOf", "(attribute:a == b"))),
                "placementConstraints[1].expression: unexpected end of expression at position 18");
        assertRefused(withConstraints(List.of(new PlacementConstraint("distinctInstance", null))),
                "placementConstraints[0].type: must be memberOf in a task definition");
        assertRefused(withConstraints(List.of(new PlacementConstraint("sameHost", "attribute:a == b"))),
                "placementConstraints[0].type: must be memberOf in a task definition");
        assertRefused(withConstraints(List.of(new PlacementConstraint(null, "attribute:a == b"))),
                "placementConstraints[0].type: is required");
        assertRefused(withConstraints(List.of(new PlacementConstraint("memberOf", " "))),
                "placementConstraints[0].expression: is required for memberOf");
        assertRefused(withConstraints(Collections.singletonList(null)), "placementConstraints[0]: is required");
        assertRefused(withConstraints(IntStream.range(0, 11)
                        .mapToObj(i -> new PlacementConstraint("memberOf", "attribute:a == b")).toList()),
                "placementConstraints: at most 10 constraints are allowed");
        assertThat(TaskDefinitionRules.validate(withConstraints(IntStream.range(0, 10)
                .mapToObj(i -> new PlacementConstraint("memberOf", "attribute:a == b")).toList()))
                .placementConstraints()).hasSize(10);
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class,
                () -> TaskDefinitionRules.validate(new RegisterTaskDefinition(null,
                        List.of(container("a", null, 2)), null, null, "bogus")));
        assertThat(e.violations()).extracting(Violation::field)
                .containsExactly("family", "networkMode", "containerDefinitions[0].image", "containerDefinitions[0].memory");
    }

    static RegisterTaskDefinition withHealthCheck(HealthCheck check) {
        return request(new ContainerDefinition("web", "busybox", null, 64, null, null, null, null, null, null, null,
                null, null, check));
    }

    @Test
    void healthChecksAsEcsTakesThem() {
        HealthCheck shell = new HealthCheck(List.of("CMD-SHELL", "wget -q -O- localhost || exit 1"), 10, 3, 2, 5);
        assertThat(TaskDefinitionRules.validate(withHealthCheck(shell)).containerDefinitions().get(0).healthCheck())
                .isEqualTo(shell);
        TaskDefinitionRules.validate(withHealthCheck(new HealthCheck(List.of("CMD", "/bin/check", "--quick"),
                null, null, null, null)));
        TaskDefinitionRules.validate(withHealthCheck(new HealthCheck(List.of("NONE"), null, null, null, null)));
        // The edges of every range.
        TaskDefinitionRules.validate(withHealthCheck(new HealthCheck(List.of("CMD", "x"), 5, 2, 1, 0)));
        TaskDefinitionRules.validate(withHealthCheck(new HealthCheck(List.of("CMD", "x"), 300, 60, 10, 300)));
    }

    @Test
    void badHealthChecksAreNamed() {
        String p = "containerDefinitions[0].healthCheck.";
        assertRefused(withHealthCheck(new HealthCheck(null, null, null, null, null)), p + "command: is required");
        assertRefused(withHealthCheck(new HealthCheck(List.of(), null, null, null, null)), p + "command: is required");
        assertRefused(withHealthCheck(new HealthCheck(List.of("curl", "localhost"), null, null, null, null)),
                p + "command: must start with CMD, CMD-SHELL or NONE");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD-SHELL"), null, null, null, null)),
                p + "command: must name what to run after CMD-SHELL");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD"), null, null, null, null)),
                p + "command: must name what to run after CMD");
        assertRefused(withHealthCheck(new HealthCheck(List.of("NONE", "x"), null, null, null, null)),
                p + "command: must have nothing after NONE");
        assertRefused(withHealthCheck(new HealthCheck(java.util.Arrays.asList("CMD", null), null, null, null, null)),
                p + "command: must not contain empty or null elements");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), 4, null, null, null)),
                p + "interval: must be between 5 and 300 seconds");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), 301, null, null, null)),
                p + "interval: must be between 5 and 300 seconds");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), null, 1, null, null)),
                p + "timeout: must be between 2 and 60 seconds");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), null, 61, null, null)),
                p + "timeout: must be between 2 and 60 seconds");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), null, null, 0, null)),
                p + "retries: must be between 1 and 10");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), null, null, 11, null)),
                p + "retries: must be between 1 and 10");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), null, null, null, -1)),
                p + "startPeriod: must be between 0 and 300 seconds");
        assertRefused(withHealthCheck(new HealthCheck(List.of("CMD", "x"), null, null, null, 301)),
                p + "startPeriod: must be between 0 and 300 seconds");
    }
}
