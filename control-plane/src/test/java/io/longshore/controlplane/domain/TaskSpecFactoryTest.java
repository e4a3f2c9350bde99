package io.longshore.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSpecFactoryTest {
    static final ContainerDefinition APP = new ContainerDefinition("app", "busybox", 256, 128, null,
            List.of(new PortMapping(80, 0, null)), null,
            List.of(new KeyValuePair("MODE", "prod"), new KeyValuePair("LEVEL", "info")),
            List.of("serve"), List.of("/bin/sh", "-c"), "/srv", 10, Map.of("team", "a"));
    static final ContainerDefinition SIDECAR = new ContainerDefinition("log", "busybox", 64, 32, null, null, false,
            null, List.of("tail"), null, null, null, null);
    static final TaskDefinition DEFINITION = new TaskDefinition("web", 4, "ACTIVE", List.of(APP, SIDECAR), null, null,
            "bridge", Instant.parse("2026-01-01T00:00:00Z"), null);

    @Test
    void withoutOverridesTheSpecIsTheDefinition() {
        TaskSpec spec = TaskSpecFactory.build("default", "abc", DEFINITION, null, null, null);
        assertThat(spec.taskArn()).isEqualTo("arn:aws:ecs:local:000000000000:task/default/abc");
        assertThat(spec.taskDefinitionArn()).isEqualTo("arn:aws:ecs:local:000000000000:task-definition/web:4");
        assertThat(spec.family()).isEqualTo("web");
        assertThat(spec.group()).isEqualTo("family:web");
        assertThat(spec.networkMode()).isEqualTo("bridge");
        assertThat(spec.containers()).containsExactly(APP, SIDECAR);
        assertThat(spec.requiredCpu()).isEqualTo(320);
        assertThat(spec.requiredMemory()).isEqualTo(160);
    }

    @Test
    void commandIsReplacedEnvironmentMergedByNameAndResourcesReplaced() {
        TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride("app", List.of("serve", "--debug"),
                List.of(new KeyValuePair("LEVEL", "debug"), new KeyValuePair("EXTRA", "1")), 512, 256)));
        TaskSpec spec = TaskSpecFactory.build("default", "abc", DEFINITION, overrides, "ci", "batch");
        ContainerDefinition app = spec.containers().get(0);
        assertThat(app.command()).containsExactly("serve", "--debug");
        assertThat(app.environment()).containsExactly(new KeyValuePair("MODE", "prod"),
                new KeyValuePair("LEVEL", "debug"), new KeyValuePair("EXTRA", "1"));
        assertThat(app.cpu()).isEqualTo(512);
        assertThat(app.memory()).isEqualTo(256);
        // Everything else is the definition's.
        assertThat(app.entryPoint()).containsExactly("/bin/sh", "-c");
        assertThat(app.portMappings()).isEqualTo(APP.portMappings());
        assertThat(app.dockerLabels()).isEqualTo(APP.dockerLabels());
        assertThat(app.stopTimeout()).isEqualTo(10);
        assertThat(spec.containers().get(1)).isEqualTo(SIDECAR);
        assertThat(spec.startedBy()).isEqualTo("ci");
        assertThat(spec.group()).isEqualTo("batch");
        assertThat(spec.requiredMemory()).isEqualTo(256 + 32);
    }

    @Test
    void environmentOverrideOnAContainerWithoutEnvironment() {
        TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride("log", null,
                List.of(new KeyValuePair("A", "1")), null, null)));
        ContainerDefinition log = TaskSpecFactory.build("c", "t", DEFINITION, overrides, null, null).containers().get(1);
        assertThat(log.environment()).containsExactly(new KeyValuePair("A", "1"));
        assertThat(log.command()).containsExactly("tail");
    }

    @Test
    void taskLevelResourcesWin() {
        TaskDefinition sized = new TaskDefinition("web", 1, "ACTIVE", List.of(APP), 1024, 2048, "host", Instant.now(), null);
        TaskSpec spec = TaskSpecFactory.build("c", "t", sized, null, null, null);
        assertThat(spec.requiredCpu()).isEqualTo(1024);
        assertThat(spec.requiredMemory()).isEqualTo(2048);
        assertThat(spec.portMappings()).containsExactly(new PortMapping(80, 80, null));
    }

    @Test
    void aHealthCheckSurvivesOverrides() {
        HealthCheck check = new HealthCheck(List.of("CMD", "/check"), 10, 3, 2, 0);
        ContainerDefinition checked = new ContainerDefinition("app", "busybox", 256, 128, null, null, null, null,
                List.of("serve"), null, null, null, null, check);
        TaskDefinition definition = new TaskDefinition("web", 1, "ACTIVE", List.of(checked), null, null, "bridge",
                Instant.now(), null);
        TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride("app", List.of("serve", "-v"), null,
                null, null)));
        assertThat(TaskSpecFactory.build("c", "t", definition, overrides, null, null).containers().get(0).healthCheck())
                .isEqualTo(check);
    }

    @Test
    void theImagePullPolicySurvivesOverrides() {
        ContainerDefinition always = new ContainerDefinition("app", "127.0.0.1:5000/app:1", 256, 128, null, null,
                null, null, List.of("serve"), null, null, null, null, null, ContainerDefinition.ALWAYS);
        TaskDefinition definition = new TaskDefinition("web", 1, "ACTIVE", List.of(always), null, null, "bridge",
                Instant.now(), null);
        TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride("app", List.of("serve", "-v"), null,
                null, null)));
        assertThat(TaskSpecFactory.build("c", "t", definition, overrides, null, null).containers().get(0)
                .imagePullPolicy()).isEqualTo(ContainerDefinition.ALWAYS);
    }

    @Test
    void aServiceTemplateHasNoTaskIdentityOfItsOwn() {
        TaskSpec template = TaskSpecFactory.template("prod", DEFINITION, "service:web");
        assertThat(template.cluster()).isEqualTo("prod");
        assertThat(template.taskId()).isNull();
        assertThat(template.taskArn()).isNull();
        assertThat(template.startedBy()).isNull();
        assertThat(template.group()).isEqualTo("service:web");
        assertThat(template.taskDefinitionArn()).isEqualTo(DEFINITION.arn());
        assertThat(template.containers()).containsExactly(APP, SIDECAR);
        assertThat(template.networkMode()).isEqualTo("bridge");
    }
}
