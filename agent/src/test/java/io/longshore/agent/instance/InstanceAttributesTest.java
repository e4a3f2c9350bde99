package io.longshore.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceAttributesTest {

    @Test
    void parsesNameValuePairs() {
        assertThat(InstanceAttributes.parse(" ecs.availability-zone=local-a, team=x ,,stack=a=b"))
                .containsExactly(
                        java.util.Map.entry("ecs.availability-zone", "local-a"),
                        java.util.Map.entry("team", "x"),
                        java.util.Map.entry("stack", "a=b"));
        assertThat(InstanceAttributes.parse("")).isEmpty();
        assertThat(InstanceAttributes.parse(null)).isEmpty();
    }

    @Test
    void refusesWhatEcsRefuses() {
        assertThatThrownBy(() -> InstanceAttributes.parse("novalue")).hasMessageContaining("'novalue' is not name=value");
        assertThatThrownBy(() -> InstanceAttributes.parse("bad name=x")).hasMessageContaining("name 'bad name'");
        assertThatThrownBy(() -> InstanceAttributes.parse("empty=")).hasMessageContaining("the value of 'empty'");
        assertThatThrownBy(() -> InstanceAttributes.parse("long=" + "x".repeat(129))).hasMessageContaining("1-128");
    }

    @Test
    void addsTheBuiltInAttributesWhichConfigurationMayOverride() {
        assertThat(InstanceAttributes.of("amd64", Optional.of("ecs.availability-zone=local-b,ecs.instance-type=big")))
                .containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.cpu-architecture", "x86_64")
                .containsEntry("ecs.ami-id", "none")
                .containsEntry("ecs.instance-type", "big")
                .containsEntry("ecs.availability-zone", "local-b");
        assertThat(InstanceAttributes.of("amd64", Optional.empty())).containsEntry("ecs.instance-type", "local");
    }

    @Test
    void namesArchitecturesAsAwsDoes() {
        assertThat(InstanceAttributes.cpuArchitecture("amd64")).isEqualTo("x86_64");
        assertThat(InstanceAttributes.cpuArchitecture("aarch64")).isEqualTo("arm64");
        assertThat(InstanceAttributes.cpuArchitecture("riscv64")).isEqualTo("riscv64");
    }
}
