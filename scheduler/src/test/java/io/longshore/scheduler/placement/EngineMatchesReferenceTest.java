package io.longshore.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.state.ClusterState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The optimised engine decides exactly as the straightforward one: same instances, ports, failure
 * reasons and random draws, over random clusters (draining, disconnected, missing attributes, tight
 * port ranges), running tasks, batches, constraints and strategy chains.
 */
class EngineMatchesReferenceTest {
    static final String[] GROUPS = {"service:a", "service:b", "family:c", null};
    static final String[] EXPR = {"attribute:type =~ t3.*", "task:group != service:a", "runningTasksCount < 3",
            "attribute:zone in [z1, z2]", "not(task:group == service:b) and attribute:type != m5"};

    @Property(tries = 2000)
    void sameDecisions(@ForAll long seed) {
        Random r = new Random(seed);
        ClusterState state = new ClusterState();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            Map<String, String> attrs = new HashMap<>();
            if (r.nextInt(5) > 0) attrs.put("zone", "z" + r.nextInt(3));
            attrs.put("type", r.nextBoolean() ? "t3.large" : "m5");
            int from = 50000;
            state.applyInstance(new InstanceState("c", "i" + r.nextInt(20) + "-" + i,
                    r.nextInt(6) == 0 ? InstanceStatus.DRAINING : InstanceStatus.ACTIVE, r.nextInt(8) > 0, null, "1.0",
                    new InstanceResources(256 * (1 + r.nextInt(8)), 256 * (1 + r.nextInt(8)),
                            r.nextBoolean() ? List.of(22, 50001) : null, from, from + r.nextInt(4)),
                    attrs, Instant.EPOCH));
        }
        List<String> ids = state.instanceIds();
        int running = r.nextInt(10);
        for (int t = 0; t < running; t++) {
            List<HostPort> ports = r.nextBoolean() ? List.of(new HostPort(50000 + r.nextInt(4), "tcp")) : List.of();
            state.applyTask("r" + t, TaskStatus.RUNNING, new Allocation(ids.get(r.nextInt(ids.size())),
                    64 * r.nextInt(4), 64 * r.nextInt(4), ports, GROUPS[r.nextInt(GROUPS.length)]));
        }
        if (r.nextBoolean()) {
            state.slots(); // exercise the live group columns as tasks come and go
        }
        for (int t = 0; t < running; t += 3) {
            state.applyTask("r" + t, TaskStatus.STOPPED, null);
        }
        List<TaskSpec> tasks = new ArrayList<>();
        int count = 1 + r.nextInt(10);
        for (int t = 0; t < count; t++) {
            List<PortMapping> ports = new ArrayList<>();
            int k = r.nextInt(3);
            for (int p = 0; p < k; p++) {
                ports.add(new PortMapping(80 + p, r.nextInt(3) == 0 ? 50000 + r.nextInt(3) : 0,
                        r.nextBoolean() ? "tcp" : "udp"));
            }
            tasks.add(task("t" + t, GROUPS[r.nextInt(GROUPS.length)], 64 * r.nextInt(6), 64 * r.nextInt(6), ports));
        }
        List<PlacementConstraint> constraints = new ArrayList<>();
        if (r.nextInt(3) == 0) constraints.add(new PlacementConstraint("distinctInstance", null));
        if (r.nextInt(3) == 0) constraints.add(new PlacementConstraint("memberOf", EXPR[r.nextInt(EXPR.length)]));
        List<PlacementStrategy> all = List.of(new PlacementStrategy("binpack", "memory"),
                new PlacementStrategy("binpack", "cpu"), new PlacementStrategy("spread", "instanceId"),
                new PlacementStrategy("spread", "attribute:zone"), new PlacementStrategy("spread", "type"),
                new PlacementStrategy("random", null));
        List<PlacementStrategy> strategies = new ArrayList<>();
        int s = r.nextInt(4);
        for (int i = 0; i < s; i++) strategies.add(all.get(r.nextInt(all.size())));
        long engineSeed = r.nextLong();
        var expected = new ReferencePlacementEngine(new Random(engineSeed)).place(tasks, constraints, strategies, state);
        var actual = new PlacementEngine(new Random(engineSeed)).place(tasks, constraints, strategies, state);
        assertThat(actual).isEqualTo(expected);
        // and the state was not changed by deciding
        assertThat(new PlacementEngine(new Random(engineSeed)).place(tasks, constraints, strategies, state))
                .isEqualTo(expected);
    }

    static TaskSpec task(String id, String group, int cpu, int memory, List<PortMapping> ports) {
        ContainerDefinition container = new ContainerDefinition("main", "img", cpu, memory, null, ports, true,
                List.of(), List.of(), null, null, null, Map.of());
        return new TaskSpec("c", id, "arn:" + id, "arn:td", "f", group, null, "bridge", null, null, List.of(container));
    }
}
