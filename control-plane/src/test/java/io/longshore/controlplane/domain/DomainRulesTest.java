package io.longshore.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pure rules: units, references, placement failure reasons, state order, capacity. */
class DomainRulesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "256, 256", "1 vCPU, 1024", "0.5 vcpu, 512", "2vCPU, 2048", "' 128 ', 128",
            "0.1 vCPU, null", "fast, null", "1 GB, null", "-5, null", "1.5, null"})
    void cpuUnits(String value, Integer expected) {
        var parsed = TaskUnits.cpu(value);
        assertThat(parsed.isPresent() ? parsed.getAsInt() : null).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "512, 512", "1 GB, 1024", "0.5 GB, 512", "2gb, 2048", "512 MiB, 512", "1 vCPU, null", "lots, null"})
    void memoryUnits(String value, Integer expected) {
        var parsed = TaskUnits.memory(value);
        assertThat(parsed.isPresent() ? parsed.getAsInt() : null).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "web, web, null",
            "web:3, web, 3",
            "arn:aws:ecs:local:000000000000:task-definition/web_app-2:12, web_app-2, 12",
            "arn:aws:ecs:us-east-1:123:task-definition/api, api, null"})
    void taskDefinitionReferences(String value, String family, Integer revision) {
        assertThat(TaskDefinitionReference.parse(value)).contains(new TaskDefinitionReference(family, revision));
    }

    @ParameterizedTest
    @CsvSource({"web:", "web:0", "web:-1", "web:x", "we b", "arn:aws:ecs:local:0:cluster/web", "':3'", "a:b:3"})
    void badTaskDefinitionReferences(String value) {
        assertThat(TaskDefinitionReference.parse(value)).isEmpty();
    }

    @Test
    void placementFailureReasons() {
        assertThat(PlacementFailure.fromStoppedReason("Unable to place task: RESOURCE:MEMORY"))
                .contains(new PlacementFailure("RESOURCE:MEMORY", null));
        assertThat(PlacementFailure.fromStoppedReason(
                "Unable to place task: MemberOf placement constraint: the cluster query language is not supported yet"))
                .contains(new PlacementFailure("MemberOf placement constraint",
                        "the cluster query language is not supported yet"));
        assertThat(PlacementFailure.fromStoppedReason("Essential container in task exited")).isEmpty();
        assertThat(PlacementFailure.fromStoppedReason(null)).isEmpty();
    }

    @Test
    void stateOnlyMovesForward() {
        assertThat(TaskStateRules.accepts(TaskStatus.PROVISIONING, TaskStatus.PENDING)).isTrue();
        assertThat(TaskStateRules.accepts(TaskStatus.PENDING, TaskStatus.STOPPED)).isTrue();
        assertThat(TaskStateRules.accepts(TaskStatus.RUNNING, TaskStatus.RUNNING)).isTrue();
        assertThat(TaskStateRules.accepts(TaskStatus.RUNNING, TaskStatus.PENDING)).isFalse();
        assertThat(TaskStateRules.accepts(TaskStatus.STOPPED, TaskStatus.RUNNING)).isFalse();
        assertThat(TaskStateRules.accepts(TaskStatus.STOPPED, TaskStatus.STOPPED)).isTrue();
        assertThat(TaskStateRules.accepts(TaskStatus.PENDING, null)).isFalse();
    }

    @Test
    void remainingCapacitySubtractsWhatTasksHold() {
        InstanceResources resources = new InstanceResources(2048, 4096, List.of(22, 2375), 49153, 65535);
        InstanceCapacity registered = InstanceCapacity.registered(resources);
        assertThat(registered).isEqualTo(new InstanceCapacity(2048, 4096, List.of(22, 2375), List.of()));
        InstanceCapacity remaining = InstanceCapacity.remaining(resources, List.of(
                new Allocation("i", 512, 1024, List.of(new HostPort(80, "tcp"), new HostPort(53, "udp"))),
                new Allocation("i", 256, 128, List.of(new HostPort(49153, "tcp"))),
                new Allocation("i", 0, 6, null)));
        assertThat(remaining.cpu()).isEqualTo(2048 - 768);
        assertThat(remaining.memory()).isEqualTo(4096 - 1158);
        assertThat(remaining.tcpPorts()).containsExactly(22, 80, 2375, 49153);
        assertThat(remaining.udpPorts()).containsExactly(53);
    }
}
