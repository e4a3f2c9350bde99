package io.longshore.loadtest;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskStatus;
import io.longshore.loadtest.recording.AcceptedTask;
import io.longshore.loadtest.recording.CpuSample;
import io.longshore.loadtest.recording.InstanceRecord;
import io.longshore.loadtest.recording.LagSample;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-made recordings: a cluster's instances and its task-state reports in partition order. */
public final class Fixtures {
    public static final String CLUSTER = "c";
    public static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private final List<TaskEvent> events = new ArrayList<>();
    private final List<InstanceRecord> instances = new ArrayList<>();
    private final List<AcceptedTask> accepted = new ArrayList<>();
    private final Map<String, List<PlacementConstraint>> byGroup = new HashMap<>();
    private final Map<String, String> waiting = new HashMap<>();
    private final List<LagSample> lag = new ArrayList<>();
    private final List<CpuSample> cpu = new ArrayList<>();
    private long offset;

    public static Fixtures cluster() {
        return new Fixtures();
    }

    public Fixtures instance(String id, int cpu, int memory, String zone) {
        instances.add(new InstanceRecord(T0, new InstanceState(CLUSTER, id, InstanceStatus.ACTIVE, true, "127.0.0.1", "1.0",
                new InstanceResources(cpu, memory, List.of(), 32768, 60999), Map.of("ecs.availability-zone", zone), T0)));
        return this;
    }

    public Fixtures accepted(String taskId, long atMillis, PlacementConstraint... constraints) {
        accepted.add(new AcceptedTask(taskId, T0.plusMillis(atMillis), T0.plusMillis(atMillis), "phase", List.of(constraints)));
        return this;
    }

    public Fixtures groupConstraints(String group, PlacementConstraint... constraints) {
        byGroup.put(group, List.of(constraints));
        return this;
    }

    public Fixtures waiting(String taskId, String reason) {
        waiting.put(taskId, reason);
        return this;
    }

    /** The scheduler places a task: PENDING with its allocation. */
    public Fixtures placed(String taskId, String instance, int cpu, int memory, String group, long atMillis) {
        return report(taskId, TaskStatus.PENDING, new Allocation(instance, cpu, memory, List.of(), group), null,
                "scheduler", atMillis);
    }

    public Fixtures running(String taskId, String instance, int cpu, int memory, String group, long atMillis) {
        return report(taskId, TaskStatus.RUNNING, new Allocation(instance, cpu, memory, List.of(), group), null,
                "agent/" + instance, atMillis);
    }

    public Fixtures stopped(String taskId, String instance, int cpu, int memory, String group, long atMillis) {
        return report(taskId, TaskStatus.STOPPED, new Allocation(instance, cpu, memory, List.of(), group), "Essential container exited",
                "agent/" + instance, atMillis);
    }

    /** The scheduler could not place it. */
    public Fixtures unplaced(String taskId, String reason, long atMillis) {
        return report(taskId, TaskStatus.STOPPED, null, "Unable to place task: " + reason, "scheduler", atMillis);
    }

    public Fixtures report(String taskId, TaskStatus status, Allocation allocation, String reason, String reporter,
                           long atMillis) {
        Instant at = T0.plusMillis(atMillis);
        events.add(new TaskEvent(offset++, at, new TaskStateChange(CLUSTER, taskId, status, allocation, List.of(), null,
                reason, status == TaskStatus.RUNNING ? at : null, null, status == TaskStatus.STOPPED ? at : null, at,
                reporter, null, null, null)));
        return this;
    }

    public Fixtures lag(long atMillis, long requestLag, long oldest) {
        lag.add(new LagSample(T0.plusMillis(atMillis), requestLag, oldest));
        return this;
    }

    /** One second's CPU on a machine of {@code cores}: the machine's busy cores and, by pairs, a component's cores. */
    public Fixtures cpu(long atMillis, int cores, double machineBusyCores, Object... componentAndCores) {
        Map<String, Double> byComponent = new java.util.TreeMap<>();
        for (int i = 0; i < componentAndCores.length; i += 2) {
            byComponent.put((String) componentAndCores[i], ((Number) componentAndCores[i + 1]).doubleValue());
        }
        cpu.add(new CpuSample(T0.plusMillis(atMillis), 1.0, byComponent, machineBusyCores, cores));
        return this;
    }

    public Recording recording(long durationMillis) {
        return new Recording(CLUSTER, T0, T0.plusMillis(durationMillis), List.copyOf(events), List.copyOf(instances),
                List.copyOf(accepted), Map.copyOf(byGroup), Map.of(), Map.copyOf(waiting), List.copyOf(lag),
                List.copyOf(cpu));
    }

    public Recording recording() {
        return recording(10_000);
    }

    public static PlacementConstraint memberOf(String expression) {
        return new PlacementConstraint("memberOf", expression);
    }

    public static PlacementConstraint distinctInstance() {
        return new PlacementConstraint("distinctInstance", null);
    }
}
