package io.longshore.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.agent.runtime.ContainerSpec;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerPlannerTest {
    private static final String INSTANCE = "a".repeat(32);

    private static ContainerDefinition container(String name, List<PortMapping> ports) {
        return new ContainerDefinition(name, "img:1", null, null, null, ports, true, null, null, null, null, null, null);
    }

    private static AgentCommand.StartTask start(String networkMode, List<ContainerDefinition> containers, List<HostPort> hostPorts) {
        TaskSpec spec = new TaskSpec("c1", "t1", "arn:task/c1/t1", "arn:td/f:1", "f", null, null, networkMode, null, null,
                containers);
        return new AgentCommand.StartTask("c1", INSTANCE, spec, new Allocation(INSTANCE, 0, 0, hostPorts));
    }

    @Test
    void hostPortsAreTakenInTaskPortMappingOrderAcrossContainers() {
        var web = container("web", List.of(new PortMapping(80, 0, "tcp"), new PortMapping(53, 5353, "udp")));
        var api = container("api", List.of(new PortMapping(8080, null, null)));
        var plan = ContainerPlanner.plan(start("bridge", List.of(web, api),
                List.of(new HostPort(50001, "tcp"), new HostPort(5353, "udp"), new HostPort(50002, "tcp"))), INSTANCE, "127.0.0.2");

        assertThat(plan.get(0).networkBindings()).containsExactly(
                new NetworkBinding("127.0.0.2", 80, 50001, "tcp"),
                new NetworkBinding("127.0.0.2", 53, 5353, "udp"));
        assertThat(plan.get(1).networkBindings()).containsExactly(new NetworkBinding("127.0.0.2", 8080, 50002, "tcp"));
        assertThat(plan.get(0).spec().ports()).containsExactly(
                new ContainerSpec.PortPublication(80, "tcp", "127.0.0.2", 50001),
                new ContainerSpec.PortPublication(53, "udp", "127.0.0.2", 5353));
        assertThat(plan.get(0).spec().networkMode()).isEqualTo("bridge");
    }

    @Test
    void aStaticPortWithoutAllocationUsesItsOwnHostPortButADynamicOneCannot() {
        var fixed = ContainerPlanner.plan(start(null, List.of(container("web", List.of(new PortMapping(80, 8080, "tcp")))),
                List.of()), INSTANCE, "127.0.0.1");
        assertThat(fixed.get(0).networkBindings()).containsExactly(new NetworkBinding("127.0.0.1", 80, 8080, "tcp"));

        assertThatThrownBy(() -> ContainerPlanner.plan(start(null,
                List.of(container("web", List.of(new PortMapping(80, 0, "tcp")))), List.of()), INSTANCE, "127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host port was allocated for container web port 80/tcp");
    }

    @Test
    void hostModePublishesNothingButReportsTheContainerPortAndNoneModeReportsNothing() {
        var host = ContainerPlanner.plan(start("host", List.of(container("web", List.of(new PortMapping(9000, null, "tcp")))),
                List.of(new HostPort(9000, "tcp"))), INSTANCE, "127.0.0.1");
        assertThat(host.get(0).spec().ports()).isEmpty();
        assertThat(host.get(0).spec().networkMode()).isEqualTo("host");
        assertThat(host.get(0).networkBindings()).containsExactly(new NetworkBinding("0.0.0.0", 9000, 9000, "tcp"));

        var none = ContainerPlanner.plan(start("none", List.of(container("web", List.of(new PortMapping(9000, null, "tcp")))),
                List.of()), INSTANCE, "127.0.0.1");
        assertThat(none.get(0).spec().ports()).isEmpty();
        assertThat(none.get(0).networkBindings()).isEmpty();
    }

    @Test
    void unsupportedNetworkModesAreRefused() {
        assertThatThrownBy(() -> ContainerPlanner.plan(start("awsvpc", List.of(container("web", List.of())), List.of()),
                INSTANCE, "127.0.0.1"))
                .hasMessageContaining("network mode awsvpc is not supported");
    }

    @Test
    void theSpecCarriesTheDefinitionAndOurLabelsWin() {
        var definition = new ContainerDefinition("app", "busybox:1", 512, 128, 64, List.of(), false,
                List.of(new KeyValuePair("A", "1"), new KeyValuePair("B", null)), List.of("sleep", "9"), List.of("/bin/sh", "-c"),
                "/work", 5, Map.of("team", "x", Labels.TASK_ID, "spoofed"));
        ContainerSpec spec = ContainerPlanner.plan(start("bridge", List.of(definition), List.of()), INSTANCE, "127.0.0.1")
                .get(0).spec();

        assertThat(spec.name()).isEqualTo("ls-t1-app");
        assertThat(spec.image()).isEqualTo("busybox:1");
        assertThat(spec.command()).containsExactly("sleep", "9");
        assertThat(spec.entryPoint()).containsExactly("/bin/sh", "-c");
        assertThat(spec.environment()).containsExactly("A=1", "B=");
        assertThat(spec.workingDirectory()).isEqualTo("/work");
        assertThat(spec.cpuShares()).isEqualTo(512);
        assertThat(spec.memoryBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(spec.memoryReservationBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(spec.stopTimeoutSeconds()).isEqualTo(5);
        assertThat(spec.labels()).containsEntry("team", "x")
                .containsEntry(Labels.TASK_ID, "t1")
                .containsEntry(Labels.TASK_ARN, "arn:task/c1/t1")
                .containsEntry(Labels.CLUSTER, "c1")
                .containsEntry(Labels.CONTAINER_NAME, "app")
                .containsEntry(Labels.CONTAINER_INSTANCE_ID, INSTANCE);
    }

    @Test
    void cpuSharesAreAtLeastTwoAndDefaultsApply() {
        var tiny = new ContainerDefinition("a", "i", 1, null, null, null, null, null, null, null, null, null, null);
        var none = new ContainerDefinition("b", "i", null, null, null, null, null, null, null, null, null, null, null);
        var plan = ContainerPlanner.plan(start(null, List.of(tiny, none), List.of()), INSTANCE, "127.0.0.1");

        assertThat(plan).extracting(p -> p.spec().cpuShares()).containsExactly(2, 2);
        assertThat(plan.get(1).spec().memoryBytes()).isNull();
        assertThat(plan.get(1).spec().memoryReservationBytes()).isNull();
        assertThat(plan.get(1).spec().stopTimeoutSeconds()).isEqualTo(30);
        assertThat(plan.get(1).spec().environment()).isEmpty();
        assertThat(plan.get(1).spec().command()).isEmpty();
    }

    private static ContainerDefinition checked(String name, HealthCheck check) {
        return new ContainerDefinition(name, "i", null, null, null, null, null, null, null, null, null, null, null, check);
    }

    @Test
    void aHealthCheckIsPassedOnWithEcsDefaults() {
        var given = checked("a", new HealthCheck(List.of("CMD-SHELL", "true"), 1, 2, 1, 4));
        var defaults = checked("b", new HealthCheck(List.of("CMD", "/check"), null, null, null, null));
        var plan = ContainerPlanner.plan(start(null, List.of(given, defaults), List.of()), INSTANCE, "127.0.0.1");

        assertThat(plan.get(0).spec().healthCheck()).isEqualTo(new ContainerSpec.HealthCheck(List.of("CMD-SHELL", "true"),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1, Duration.ofSeconds(4)));
        assertThat(plan.get(1).spec().healthCheck()).isEqualTo(new ContainerSpec.HealthCheck(List.of("CMD", "/check"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO));
        assertThat(ContainerPlanner.hasHealthCheck(given)).isTrue();
        assertThat(ContainerPlanner.hasHealthCheck(defaults)).isTrue();
    }

    @Test
    void noCheckNoneAndAnEmptyCommandAreNotReportedAsChecked() {
        var plain = checked("a", null);
        var none = checked("b", new HealthCheck(List.of("NONE"), null, null, null, null));
        var empty = checked("c", new HealthCheck(List.of(), 5, null, null, null));
        var plan = ContainerPlanner.plan(start(null, List.of(plain, none, empty), List.of()), INSTANCE, "127.0.0.1");

        assertThat(plan.get(0).spec().healthCheck()).isNull();
        // NONE still goes to the engine: it switches off a check the image defines
        assertThat(plan.get(1).spec().healthCheck().disabled()).isTrue();
        // an empty test would make Docker inherit the image's check
        assertThat(plan.get(2).spec().healthCheck()).isNull();
        assertThat(List.of(plain, none, empty)).noneMatch(ContainerPlanner::hasHealthCheck);
    }

    @Test
    void containerNamesAreSanitizedForDocker() {
        assertThat(ContainerPlanner.containerName("t1", "my app/v2")).isEqualTo("ls-t1-my-app-v2");
        assertThat(ContainerPlanner.containerName("t1", "ok_name.1-x")).isEqualTo("ls-t1-ok_name.1-x");
    }
}
