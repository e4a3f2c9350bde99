package io.longshore.scheduler.placement;

import static io.longshore.scheduler.Fixtures.instance;
import static io.longshore.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.state.ClusterState;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlacementEngineTest {
    private final PlacementEngine engine = new PlacementEngine(new Random(1));

    private static ClusterState cluster(InstanceState... instances) {
        ClusterState state = new ClusterState();
        for (InstanceState instance : instances) {
            state.applyInstance(instance);
        }
        return state;
    }

    @Test
    void anEmptyClusterFailsWithTheEcsMessage() {
        var results = engine.place(List.of(task("t1", 10, 10)), List.of(), List.of(), new ClusterState());
        assertThat(results.get(0).failureReason()).isEqualTo(PlacementEngine.NO_INSTANCES);
    }

    @Test
    void onlyActiveInstancesWithAConnectedAgentTakeTasks() {
        InstanceState draining = new InstanceState("default", "a", InstanceStatus.DRAINING, true, null, null,
                instance("a", 1024, 1024, "z").resources(), null, null);
        InstanceState disconnected = new InstanceState("default", "b", InstanceStatus.ACTIVE, false, null, null,
                instance("b", 1024, 1024, "z").resources(), null, null);
        var results = engine.place(List.of(task("t1", 10, 10)), List.of(), List.of(), cluster(draining, disconnected));
        assertThat(results.get(0).failureReason()).isEqualTo(PlacementEngine.NO_ACTIVE_AGENT);
    }

    @Test
    void namesTheResourceThatRanOut() {
        ClusterState state = cluster(instance("a", 1024, 512, "z"));
        assertThat(engine.place(List.of(task("t1", 2048, 10)), List.of(), List.of(), state).get(0).failureReason())
                .isEqualTo("RESOURCE:CPU");
        assertThat(engine.place(List.of(task("t1", 10, 1024)), List.of(), List.of(), state).get(0).failureReason())
                .isEqualTo("RESOURCE:MEMORY");
        assertThat(engine.place(List.of(task("t1", 10, 10, new PortMapping(80, 22, "tcp"))), List.of(), List.of(),
                state).get(0).failureReason()).isEqualTo("RESOURCE:PORTS");
    }

    @Test
    void aBatchNeverOverCommitsAnInstance() {
        ClusterState state = cluster(instance("a", 1024, 1000, "z"));
        var results = engine.place(List.of(task("t1", 10, 400), task("t2", 10, 400), task("t3", 10, 400)),
                List.of(), List.of(), state);
        assertThat(results).extracting(PlacementResult::isPlaced).containsExactly(true, true, false);
        assertThat(results.get(2).failureReason()).isEqualTo("RESOURCE:MEMORY");
    }

    @Test
    void memoryHeldByRunningTasksCountsUntilTheyStop() {
        ClusterState state = cluster(instance("a", 1024, 1000, "z"));
        var first = engine.place(List.of(task("t1", 10, 800)), List.of(), List.of(), state).get(0);
        state.applyTask("t1", TaskStatus.RUNNING, first.allocation());
        assertThat(engine.place(List.of(task("t2", 10, 800)), List.of(), List.of(), state).get(0).isPlaced()).isFalse();
        state.applyTask("t1", TaskStatus.STOPPED, first.allocation());
        assertThat(engine.place(List.of(task("t2", 10, 800)), List.of(), List.of(), state).get(0).isPlaced()).isTrue();
    }

    @Test
    void staticAndDynamicPortsAreAssignedInMappingOrderWithoutClashes() {
        ClusterState state = cluster(instance("a", 4096, 4096, "z"));
        var t1 = task("t1", 10, 10, new PortMapping(80, 8080, "tcp"), new PortMapping(81, 0, "tcp"),
                new PortMapping(53, null, "udp"));
        var t2 = task("t2", 10, 10, new PortMapping(81, null, "tcp"));
        var results = engine.place(List.of(t1, t2), List.of(), List.of(), state);
        assertThat(results.get(0).allocation().hostPorts()).containsExactly(
                new HostPort(8080, "tcp"), new HostPort(50000, "tcp"), new HostPort(50001, "udp"));
        // ports are per protocol: 50001/udp being held leaves 50001/tcp free
        assertThat(results.get(1).allocation().hostPorts()).containsExactly(new HostPort(50001, "tcp"));
    }

    @Test
    void theSameStaticPortGoesToAnotherInstance() {
        ClusterState state = cluster(instance("a", 4096, 4096, "z1"), instance("b", 4096, 4096, "z2"));
        var results = engine.place(List.of(task("t1", 10, 10, new PortMapping(80, 8080, "tcp")),
                task("t2", 10, 10, new PortMapping(80, 8080, "tcp")),
                task("t3", 10, 10, new PortMapping(80, 8080, "tcp"))), List.of(), List.of(), state);
        assertThat(results).extracting(r -> r.isPlaced() ? r.allocation().containerInstanceId() : r.failureReason())
                .containsExactlyInAnyOrder("a", "b", "RESOURCE:PORTS");
    }

    @Test
    void withoutAStrategyTasksOfAGroupSpreadAcrossZones() {
        ClusterState state = cluster(instance("a", 4096, 4096, "z1"), instance("b", 4096, 4096, "z2"));
        var results = engine.place(List.of(task("t1", 10, 10), task("t2", 10, 10), task("t3", 10, 10),
                task("t4", 10, 10)), List.of(), List.of(), state);
        assertThat(results).extracting(r -> r.allocation().containerInstanceId())
                .containsExactlyInAnyOrder("a", "a", "b", "b");
    }

    @Test
    void binpackOnMemoryFillsTheFullestInstanceFirst() {
        ClusterState state = cluster(instance("a", 4096, 4096, "z1"), instance("b", 4096, 2048, "z2"));
        var results = engine.place(List.of(task("t1", 10, 1000), task("t2", 10, 1000)), List.of(),
                List.of(new PlacementStrategy("binpack", "memory")), state);
        assertThat(results).extracting(r -> r.allocation().containerInstanceId()).containsExactly("b", "b");
    }

    @Test
    void distinctInstanceKeepsTasksOfAGroupApart() {
        ClusterState state = cluster(instance("a", 4096, 4096, "z1"), instance("b", 4096, 4096, "z1"));
        var results = engine.place(List.of(task("t1", 10, 10), task("t2", 10, 10), task("t3", 10, 10)),
                List.of(new PlacementConstraint("distinctInstance", null)),
                List.of(new PlacementStrategy("binpack", "memory")), state);
        assertThat(results.get(0).allocation().containerInstanceId())
                .isNotEqualTo(results.get(1).allocation().containerInstanceId());
        assertThat(results.get(2).failureReason()).isEqualTo(PlacementEngine.DISTINCT_INSTANCE);
    }

    private static InstanceState typed(String id, String zone, String type) {
        InstanceState base = instance(id, 4096, 4096, zone);
        return new InstanceState("default", id, InstanceStatus.ACTIVE, true, null, "1.2.0", base.resources(),
                java.util.Map.of("ecs.availability-zone", zone, "ecs.instance-type", type), base.registeredAt());
    }

    private static PlacementConstraint memberOf(String expression) {
        return new PlacementConstraint("memberOf", expression);
    }

    @Test
    void memberOfPlacesOnlyOnInstancesWhoseAttributesMatch() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"), typed("b", "z2", "m5.large"),
                typed("c", "z3", "t2.small"));
        var results = engine.place(List.of(task("t1", 10, 10), task("t2", 10, 10), task("t3", 10, 10)),
                List.of(memberOf("attribute:ecs.availability-zone == z2")), List.of(), state);
        assertThat(results).allSatisfy(r -> assertThat(r.allocation().containerInstanceId()).isEqualTo("b"));
    }

    @Test
    void memberOfWithAnInListAndARegexSelectsTheirIntersection() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"), typed("b", "z2", "m5.large"),
                typed("c", "z3", "t2.small"));
        var results = engine.place(List.of(task("t1", 10, 10), task("t2", 10, 10)),
                List.of(memberOf("attribute:ecs.availability-zone in [z2, z3]"),
                        memberOf("attribute:ecs.instance-type =~ t2\\..*")),
                List.of(new PlacementStrategy("spread", "instanceId")), state);
        assertThat(results).extracting(r -> r.allocation().containerInstanceId()).containsExactly("c", "c");
    }

    @Test
    void notTaskGroupKeepsTasksAwayFromInstancesRunningThatGroup() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"), typed("b", "z2", "t2.micro"));
        var db = engine.place(List.of(task("db", "database", 10, 10)), List.of(), List.of(), state).get(0);
        state.applyTask("db", TaskStatus.RUNNING, db.allocation());
        String other = db.allocation().containerInstanceId().equals("a") ? "b" : "a";
        var results = engine.place(List.of(task("w1", 10, 10), task("w2", 10, 10)),
                List.of(memberOf("not(task:group == database)")),
                List.of(new PlacementStrategy("binpack", "memory")), state);
        assertThat(results).extracting(r -> r.allocation().containerInstanceId()).containsExactly(other, other);
    }

    @Test
    void taskGroupSeesTheTasksPlacedEarlierInTheSameCall() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"), typed("b", "z2", "t2.micro"),
                typed("c", "z3", "t2.micro"));
        var results = engine.place(List.of(task("t1", "db", 10, 10), task("t2", "db", 10, 10),
                        task("t3", "db", 10, 10), task("t4", "db", 10, 10)),
                List.of(memberOf("task:group != db")), List.of(new PlacementStrategy("binpack", "memory")), state);
        assertThat(results.subList(0, 3)).extracting(r -> r.allocation().containerInstanceId())
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(results.get(3).failureReason()).isEqualTo(PlacementEngine.MEMBER_OF);
    }

    @Test
    void anUnsatisfiableMemberOfSaysSo() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"));
        var results = engine.place(List.of(task("t1", 10, 10)),
                List.of(memberOf("attribute:ecs.instance-type == m5.large or runningTasksCount > 5")), List.of(),
                state);
        assertThat(results.get(0).failureReason()).isEqualTo("MemberOf placement constraint unsatisfied");
    }

    @Test
    void resourcesAreCheckedBeforeMemberOf() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"));
        var results = engine.place(List.of(task("t1", 10, 9000)), List.of(memberOf("ec2InstanceId == zzz")),
                List.of(), state);
        assertThat(results.get(0).failureReason()).isEqualTo(PlacementEngine.RESOURCE_MEMORY);
    }

    @Test
    void anExpressionThatDoesNotParseSelectsNothingAndNamesTheError() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"));
        var results = engine.place(List.of(task("t1", 10, 10)), List.of(memberOf("attribute:x foo")), List.of(),
                state);
        assertThat(results.get(0).failureReason())
                .isEqualTo("MemberOf placement constraint unsatisfied: unexpected 'foo' at position 13: "
                        + "expected an operator");
    }

    @Test
    void builtInSubjectsAreReadFromTheInstance() {
        ClusterState state = cluster(typed("a", "z1", "t2.micro"), typed("b", "z1", "t2.micro"));
        assertThat(engine.place(List.of(task("t1", 10, 10)),
                List.of(memberOf("ec2InstanceId == b and agentConnected == true and agentVersion >= 1.2 "
                        + "and registeredAt < 2000-01-01 and runningTasksCount == 0")), List.of(), state)
                .get(0).allocation().containerInstanceId()).isEqualTo("b");
    }
}
