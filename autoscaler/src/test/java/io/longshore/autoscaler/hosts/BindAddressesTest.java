package io.longshore.autoscaler.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindAddressesTest {

    @Test
    void handsOutTheFirstAddressNoLiveHostUses() {
        BindAddresses range = new BindAddresses("127.0.1.1-127.0.1.254");
        assertThat(range.next(List.of())).isEqualTo("127.0.1.1");
        assertThat(range.next(List.of("127.0.1.1", "127.0.1.3"))).isEqualTo("127.0.1.2");
    }

    @Test
    void crossesOctets() {
        assertThat(new BindAddresses("127.0.1.255-127.0.2.1").next(List.of("127.0.1.255"))).isEqualTo("127.0.2.0");
    }

    @Test
    void aFullRangeSaysSo() {
        assertThatThrownBy(() -> new BindAddresses("127.0.1.1-127.0.1.2").next(List.of("127.0.1.1", "127.0.1.2")))
                .hasMessageContaining("every bind address of 127.0.1.1-127.0.1.2 is taken");
    }

    @Test
    void refusesRangesThatAreNotLoopback() {
        assertThatThrownBy(() -> new BindAddresses("192.0.2.1-192.0.2.9")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> new BindAddresses("127.0.1.9-127.0.1.1")).hasMessageContaining("after the last");
        assertThatThrownBy(() -> new BindAddresses("127.0.1.1")).hasMessageContaining("<first>-<last>");
        assertThatThrownBy(() -> new BindAddresses("127.0.1.x-127.0.1.2")).hasMessageContaining("not an IPv4");
    }

    @Test
    void theAgentsEnvironmentCarriesTheHostIdAndTheGroupsAttributes() {
        HostLaunch launch = new HostLaunch("asg", "h-0011aabb", "prod", "cp", 2048, 4096,
                Map.of("zone", "a", "disk", "ssd"), "127.0.1.7");
        Map<String, String> env = AgentEnvironment.of(launch, "127.0.0.1:9092", "/state", "unix:///var/run/docker.sock");
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("LONGSHORE_AGENT_CLUSTER", "prod")
                .containsEntry("LONGSHORE_AGENT_CAPACITY_PROVIDER", "cp")
                .containsEntry("LONGSHORE_AGENT_CPU", "2048")
                .containsEntry("LONGSHORE_AGENT_MEMORY", "4096")
                .containsEntry("LONGSHORE_AGENT_BIND_IP", "127.0.1.7")
                .containsEntry("LONGSHORE_AGENT_ATTRIBUTES", "disk=ssd,longshore.host-id=h-0011aabb,zone=a")
                .containsEntry("LONGSHORE_AGENT_NAME", "h-0011aabb")
                .containsEntry("LONGSHORE_AGENT_STATE_DIR", "/state")
                .containsEntry("QUARKUS_HTTP_HOST", "127.0.1.7");
        assertThat(HostIds.random()).matches("h-[0-9a-f]{8}");
    }
}
