package io.longshore.benchmarks;

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
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.PlacementResult;
import io.longshore.scheduler.state.ClusterState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Placement decisions per second of {@link PlacementEngine#place} on a cluster of 5,000 ACTIVE,
 * connected instances (3 availability zones, four instance types, about four tasks already running
 * on each), with the strategies {@code [spread(attribute:ecs.availability-zone), binpack(memory)]}
 * and, in the {@code memberOf} variant, the constraint {@code attribute:ecs.instance-type =~ t3.*}.
 *
 * <p>One operation is one decision (one task placed or refused). The cluster is not changed by the
 * decisions (the caller would commit them), so every invocation sees the same snapshot; the tasks
 * rotate over a few groups and shapes so that no single answer is memoised by the JIT.
 *
 * <ul>
 *   <li>{@link #singleTask}: one task per call, as for a service replacing one task;
 *   <li>{@link #batchOfTen}: ten tasks per call (RunTask's maximum count), decisions counted singly.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlacementBenchmark {
    static final int INSTANCES = 5_000;
    static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    static final String[] TYPES = {"t3.large", "t3.xlarge", "m5.xlarge", "c5.2xlarge"};
    static final int[] CPU = {2048, 4096, 4096, 8192};
    static final int[] MEMORY = {8192, 16384, 16384, 16384};
    static final String[] RUNNING_GROUPS = {"service:web", "service:api", "service:worker", "family:batch",
            "service:cache"};
    static final String MEMBER_OF_EXPRESSION = "attribute:ecs.instance-type =~ t3.*";

    /** {@code none}: no constraint; {@code memberOf}: the memberOf constraint above. */
    @Param({"none", "memberOf"})
    public String constraint;

    private final PlacementEngine engine = new PlacementEngine(new Random(42));
    private final List<PlacementStrategy> strategies = List.of(
            new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
            new PlacementStrategy("binpack", "memory"));
    private List<PlacementConstraint> constraints;
    private ClusterState state;
    private List<List<TaskSpec>> singles;
    private List<List<TaskSpec>> batches;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        constraints = "memberOf".equals(constraint)
                ? List.of(new PlacementConstraint("memberOf", MEMBER_OF_EXPRESSION))
                : List.of();
        state = cluster(new Random(2024));
        singles = new ArrayList<>();
        batches = new ArrayList<>();
        List<TaskSpec> shapes = taskShapes();
        for (TaskSpec shape : shapes) {
            singles.add(List.of(shape));
        }
        for (int b = 0; b < shapes.size(); b++) {
            List<TaskSpec> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(shapes.get(b));
            }
            batches.add(List.copyOf(batch));
        }
        // fail fast if the engine refuses everything, so a report never hides a wrong setup
        PlacementResult probe = engine.place(singles.get(0), constraints, strategies, state).get(0);
        System.out.println("[setup] constraint=" + constraint + " probe: "
                + (probe.isPlaced() ? "placed on " + probe.allocation().containerInstanceId()
                : "FAILED " + probe.failureReason()));
    }

    @Benchmark
    public List<PlacementResult> singleTask() {
        List<TaskSpec> tasks = singles.get(next++ % singles.size());
        return engine.place(tasks, constraints, strategies, state);
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public List<PlacementResult> batchOfTen() {
        List<TaskSpec> tasks = batches.get(next++ % batches.size());
        return engine.place(tasks, constraints, strategies, state);
    }

    /** 5,000 instances over 3 zones and 4 types, each with a few running tasks of several groups. */
    static ClusterState cluster(Random random) {
        ClusterState state = new ClusterState();
        int taskId = 0;
        for (int i = 0; i < INSTANCES; i++) {
            String id = String.format("ci-%05d", i);
            int type = random.nextInt(TYPES.length);
            state.applyInstance(new InstanceState("bench", id, InstanceStatus.ACTIVE, true, "127.0.0.1", "0.1.0",
                    new InstanceResources(CPU[type], MEMORY[type], List.of(22, 2375, 2376, 51678), 49153, 65535),
                    Map.of("ecs.availability-zone", ZONES[i % ZONES.length], "ecs.instance-type", TYPES[type],
                            "ecs.os-type", "linux"),
                    Instant.EPOCH));
            int running = random.nextInt(8);
            int nextPort = 49153;
            for (int t = 0; t < running; t++) {
                String group = RUNNING_GROUPS[random.nextInt(RUNNING_GROUPS.length)];
                List<HostPort> ports = random.nextBoolean() ? List.of(new HostPort(nextPort++, "tcp")) : List.of();
                state.applyTask("running-" + taskId++, TaskStatus.RUNNING,
                        new Allocation(id, 128 * (1 + random.nextInt(4)), 256 * (1 + random.nextInt(4)), ports, group));
            }
        }
        return state;
    }

    /** A few task groups and shapes: a web task with one dynamic host port, workers without ports. */
    static List<TaskSpec> taskShapes() {
        return List.of(
                task("web", "service:web", 256, 512, new PortMapping(8080, 0, "tcp")),
                task("api", "service:api", 512, 1024, new PortMapping(8080, 0, "tcp")),
                task("worker", "service:worker", 1024, 2048),
                task("batch", "family:batch", 256, 768));
    }

    static TaskSpec task(String family, String group, int cpu, int memory, PortMapping... ports) {
        ContainerDefinition container = new ContainerDefinition("main", "longshore/busybox:latest", cpu, memory, null,
                List.of(ports), true, List.of(), List.of("sleep", "60"), null, null, null, Map.of());
        return new TaskSpec("bench", family + "-task", "arn:task/" + family, "arn:td/" + family + ":1", family, group,
                null, "bridge", null, null, List.of(container));
    }
}
