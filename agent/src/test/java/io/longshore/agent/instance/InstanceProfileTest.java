package io.longshore.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.InstanceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceProfileTest {
    @TempDir
    Path dir;

    @Test
    void configuredResourcesWinAndTheRegistrationCarriesEverything() {
        InstanceProfile profile = InstanceProfile.of("host1", "127.0.0.2", "0.1.0", OptionalInt.of(4096), OptionalInt.of(8000),
                List.of(22), "40000-40100", Map.of("ecs.availability-zone", "local-a"), "burst");
        InstanceEvent.Registered registered = profile.registration(new AgentIdentity("c1", "f".repeat(32), dir),
                Instant.EPOCH);

        assertThat(registered.cluster()).isEqualTo("c1");
        assertThat(registered.hostname()).isEqualTo("host1");
        assertThat(registered.bindIp()).isEqualTo("127.0.0.2");
        assertThat(registered.resources().cpu()).isEqualTo(4096);
        assertThat(registered.resources().memory()).isEqualTo(8000);
        assertThat(registered.resources().ephemeralPortFrom()).isEqualTo(40000);
        assertThat(registered.resources().ephemeralPortTo()).isEqualTo(40100);
        assertThat(registered.resources().reservedPorts()).containsExactly(22);
        assertThat(registered.attributes()).containsEntry("ecs.availability-zone", "local-a");
        assertThat(registered.capacityProviderName()).isEqualTo("burst");
    }

    @Test
    void theHostsResourcesAreTheDefault() {
        InstanceProfile profile = InstanceProfile.of("h", "127.0.0.1", "0.1.0", OptionalInt.empty(), OptionalInt.empty(),
                List.of(), "49153-65535", Map.of(), null);
        assertThat(profile.resources().cpu()).isEqualTo(Runtime.getRuntime().availableProcessors() * 1024);
        assertThat(profile.resources().memory()).isPositive();
    }

    @Test
    void portRangesAreChecked() {
        assertThat(PortRange.parse("49153-65535")).isEqualTo(new PortRange(49153, 65535));
        assertThatThrownBy(() -> PortRange.parse("100")).hasMessageContaining("must look like 49153-65535");
        assertThatThrownBy(() -> PortRange.parse("200-100")).hasMessageContaining("from <= to");
        assertThatThrownBy(() -> PortRange.parse("1-70000")).hasMessageContaining("within 1-65535");
    }

    @Test
    void memoryIsReadFromMeminfo() {
        assertThat(HostResources.memoryMiBFromMeminfo(List.of("MemFree: 10 kB", "MemTotal:       24576000 kB")))
                .isEqualTo(24000);
    }

    @Test
    void theInstanceIdIsCreatedOnceAndKept() throws Exception {
        Path stateDir = dir.resolve("nested/state");
        AgentIdentity first = AgentIdentity.loadOrCreate("c1", stateDir);
        AgentIdentity second = AgentIdentity.loadOrCreate("c1", stateDir);

        assertThat(first.instanceId()).matches("[0-9a-f]{32}").isEqualTo(second.instanceId());
        assertThat(Files.readString(stateDir.resolve("instance-id")).trim()).isEqualTo(first.instanceId());
        assertThat(first.reporter()).isEqualTo("agent/" + first.instanceId());

        Files.writeString(stateDir.resolve("instance-id"), "garbage");
        assertThatThrownBy(() -> AgentIdentity.loadOrCreate("c1", stateDir)).hasMessageContaining("remove it");
    }
}
