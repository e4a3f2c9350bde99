package io.longshore.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.InstanceFacts;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.state.ClusterState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the cluster, the tasks and the expression: every placed task lands on an instance that
 * satisfies its memberOf constraint (judged on the cluster as it was just before), and a task
 * refused for memberOf had no instance that both fits and is selected.
 */
class MemberOfPropertyTest {
    private static final List<String> EXPRESSIONS = List.of(
            "attribute:ecs.availability-zone == z1",
            "attribute:ecs.availability-zone in [z0, z2]",
            "attribute:ecs.instance-type =~ t2.*",
            "attribute:ecs.instance-type !~ 'm5\\.(large|xlarge)' and attribute:ecs.availability-zone != z0",
            "not(task:group == database)",
            "task:group != web or runningTasksCount < 2",
            "runningTasksCount <= 1",
            "attribute:gpu exists || ec2InstanceId in [i0, i3]",
            "!(attribute:gpu exists) and (attribute:ecs.availability-zone == z1 or task:group =~ data.*)");

    record Instance(String zone, String type, boolean gpu, int memory) {
    }

    record Demand(String group, int memory, String expression, boolean stopEarlierOne) {
    }

    @Property(tries = 300)
    void everyPlacedTaskSatisfiesItsMemberOfConstraint(@ForAll("instances") List<Instance> instances,
                                                       @ForAll("demands") List<Demand> demands,
                                                       @ForAll("strategies") List<PlacementStrategy> strategies) {
        ClusterState state = new ClusterState();
        for (int i = 0; i < instances.size(); i++) {
            Instance in = instances.get(i);
            InstanceState base = Fixtures.instance("i" + i, 4096, in.memory(), in.zone());
            Map<String, String> attributes = in.gpu()
                    ? Map.of("ecs.availability-zone", in.zone(), "ecs.instance-type", in.type(), "gpu", "1")
                    : Map.of("ecs.availability-zone", in.zone(), "ecs.instance-type", in.type());
            state.applyInstance(new InstanceState("default", "i" + i, InstanceStatus.ACTIVE, true, null, "1.0",
                    base.resources(), attributes, Instant.EPOCH));
        }
        PlacementEngine engine = new PlacementEngine(new Random(3));
        List<String> live = new java.util.ArrayList<>();
        int n = 0;
        for (Demand demand : demands) {
            if (demand.stopEarlierOne() && !live.isEmpty()) {
                String stopped = live.remove(0);
                state.applyTask(stopped, TaskStatus.STOPPED, state.task(stopped).orElseThrow().allocation());
            }
            TaskSpec task = Fixtures.task("t" + n++, demand.group(), 10, demand.memory());
            ClusterQuery query = ClusterQuery.parse(demand.expression());
            PlacementResult result = engine.place(List.of(task),
                    List.of(new PlacementConstraint("memberOf", demand.expression())), strategies, state).get(0);
            if (result.isPlaced()) {
                String id = result.allocation().containerInstanceId();
                assertThat(query.matches(facts(state, id))).as("%s on %s", demand.expression(), id).isTrue();
                state.applyTask(task.taskId(), TaskStatus.RUNNING, result.allocation());
                live.add(task.taskId());
            } else if (result.failureReason().equals(PlacementEngine.MEMBER_OF)) {
                for (InstanceState instance : state.instances()) {
                    boolean fits = instance.resources().memory()
                            - state.usage(instance.containerInstanceId()).memory() >= demand.memory();
                    assertThat(fits && query.matches(facts(state, instance.containerInstanceId())))
                            .as("%s was refused but %s fits and is selected", demand.expression(),
                                    instance.containerInstanceId()).isFalse();
                }
            }
        }
    }

    private static InstanceFacts facts(ClusterState state, String id) {
        InstanceState instance = state.instance(id).orElseThrow();
        var usage = state.usage(id);
        return InstanceFacts.of(id, instance.attributes(), instance.agentConnected(), instance.agentVersion(),
                instance.registeredAt(), usage.taskCount(), Set.copyOf(usage.groups()));
    }

    @Provide
    Arbitrary<List<Instance>> instances() {
        return Combinators.combine(Arbitraries.of("z0", "z1", "z2"),
                        Arbitraries.of("t2.micro", "t2.small", "m5.large", "m5.xlarge"),
                        Arbitraries.of(true, false), Arbitraries.integers().between(256, 2048))
                .as(Instance::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Demand>> demands() {
        return Combinators.combine(Arbitraries.of("web", "database", "family:batch"),
                        Arbitraries.integers().between(16, 700), Arbitraries.of(EXPRESSIONS),
                        Arbitraries.of(true, false))
                .as(Demand::new).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<PlacementStrategy>> strategies() {
        return Arbitraries.of(
                new PlacementStrategy("binpack", "memory"),
                new PlacementStrategy("spread", "instanceId"),
                new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                new PlacementStrategy("random", null)).list().ofMaxSize(2);
    }
}
