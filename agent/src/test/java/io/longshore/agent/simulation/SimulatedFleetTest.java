package io.longshore.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.MetricSample;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fleet without Kafka: events and reports go to lists. */
class SimulatedFleetTest {
    private static final SimulationSpec.Defaults DEFAULTS = new SimulationSpec.Defaults("c", Duration.ofSeconds(5));
    private static final SimulatedFleet.HostSettings SETTINGS = new SimulatedFleet.HostSettings("127.0.0.1", "0.1.0",
            List.of(22), 49153, 65535, Duration.ofMillis(50), Duration.ofMillis(200));
    private final List<InstanceEvent> events = new CopyOnWriteArrayList<>();
    private final List<TaskStateChange> reports = new CopyOnWriteArrayList<>();
    private final List<MetricSample.TaskUsage> usage = new CopyOnWriteArrayList<>();
    private SimulatedFleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private SimulatedFleet fleet(String json) {
        fleet = new SimulatedFleet(SimulationSpec.parse(json.replace('\'', '"'), DEFAULTS), SETTINGS, e -> {
            events.add(e);
            return CompletableFuture.completedFuture(null);
        }, reports::add, usage::add, Clock.systemUTC());
        return fleet;
    }

    private static AgentCommand.StartTask start(String instanceId, String taskId) {
        ContainerDefinition web = new ContainerDefinition("web", "img", null, null, null, null, true, null, null, null,
                null, 3, null);
        TaskSpec spec = new TaskSpec("c", taskId, null, null, "f", "family:f", null, null, null, null, List.of(web));
        return new AgentCommand.StartTask("c", instanceId, spec, new Allocation(instanceId, 0, 0, List.of()));
    }

    private List<TaskStatus> statuses(String taskId) {
        return reports.stream().filter(r -> r.taskId().equals(taskId)).map(TaskStateChange::lastStatus).toList();
    }

    @Test
    void instanceIdsAndAttributesAreTheSameForTheSameSeedAndIndex() {
        String json = "{'seed': 3, 'hosts': {'count': 400, 'attributes': {'ecs.instance-type': {'m5.large': 3, 'c5.xlarge': 1}}}}";
        SimulatedFleet first = fleet(json);
        List<String> ids = first.instanceIds();
        List<Map<String, String>> attributes = ids.stream().map(id -> first.attributesOf(id).orElseThrow()).toList();
        first.close();

        SimulatedFleet second = fleet(json);

        assertThat(second.instanceIds()).isEqualTo(ids).doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(second.instanceIds().stream().map(id -> second.attributesOf(id).orElseThrow()).toList())
                .isEqualTo(attributes);
        long large = attributes.stream().filter(a -> a.get("ecs.instance-type").equals("m5.large")).count();
        assertThat(large).isBetween(260L, 340L); // three in four of 400
        assertThat(attributes.get(0)).containsEntry("ecs.os-type", "linux");
    }

    @Test
    void aLossTakesItsShareOfHostsAndAlwaysTheSameOnes() {
        List<Integer> lost = SimulatedFleet.lostIndexes(42, 1000, 0.1);
        assertThat(lost).hasSize(100).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 1000);
        assertThat(SimulatedFleet.lostIndexes(42, 1000, 0.1)).isEqualTo(lost);
        assertThat(new HashSet<>(SimulatedFleet.lostIndexes(43, 1000, 0.1))).isNotEqualTo(new HashSet<>(lost));
        assertThat(SimulatedFleet.lostIndexes(42, 10, 0)).isEmpty();
    }

    @Test
    void everyHostRegistersWithItsResourcesThenHeartbeats() {
        SimulatedFleet fleet = fleet("{'hosts': {'count': 20, 'cpu': 2048, 'memory': 4096, 'heartbeatInterval': '200ms'}}");
        fleet.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> fleet.status().ready());
        List<InstanceEvent.Registered> registered = events.stream().filter(InstanceEvent.Registered.class::isInstance)
                .map(InstanceEvent.Registered.class::cast).toList();
        assertThat(registered).extracting(InstanceEvent.Registered::containerInstanceId)
                .containsExactlyInAnyOrderElementsOf(fleet.instanceIds());
        assertThat(registered).allSatisfy(r -> {
            assertThat(r.resources().cpu()).isEqualTo(2048);
            assertThat(r.resources().memory()).isEqualTo(4096);
            assertThat(r.bindIp()).isEqualTo("127.0.0.1");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(InstanceEvent.Heartbeat.class::isInstance)
                .map(InstanceEvent::containerInstanceId).collect(Collectors.toSet()).size() == 20);
    }

    @Test
    void aTaskRunsForItsDurationAndEndsWithItsExitCodeAndAForeverTaskRunsUntilStopped() {
        SimulatedFleet fleet = fleet("{'hosts': {'count': 3}, 'lifecycle': {'runDuration': '100ms', 'exitCodes': {'7': 1}}}");
        fleet.start();
        String host = fleet.instanceIds().get(1);

        assertThat(fleet.dispatch(start(host, "t1"))).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> statuses("t1").contains(TaskStatus.STOPPED));
        assertThat(statuses("t1")).containsExactly(TaskStatus.RUNNING, TaskStatus.STOPPING, TaskStatus.STOPPED);
        TaskStateChange stopped = reports.get(reports.size() - 1);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(7);
        assertThat(fleet.dispatch(start("f".repeat(32), "t2"))).as("no such host").isFalse();
    }

    @Test
    void aStopTaskStopsAForeverTask() {
        SimulatedFleet fleet = fleet("{'hosts': {'count': 2}}");
        fleet.start();
        String host = fleet.instanceIds().get(0);
        fleet.dispatch(start(host, "t1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> statuses("t1").contains(TaskStatus.RUNNING));

        fleet.dispatch(new AgentCommand.StopTask("c", host, "t1", StopCode.UserInitiated, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> statuses("t1").contains(TaskStatus.STOPPED));
        assertThat(reports.get(reports.size() - 1).containers().get(0).exitCode()).isEqualTo(SimulatedContainerRuntime.EXIT_ON_STOP);
        assertThat(fleet.status().runningTasks()).isZero();
    }

    @Test
    void theStartDelayHoldsTheCommandNotAThreadAndAStopMeanwhileMeansTheTaskNeverRuns() {
        SimulatedFleet fleet = fleet("{'hosts': {'count': 2}, 'lifecycle': {'startDelay': '400ms'}}");
        fleet.start();
        String host = fleet.instanceIds().get(0);
        assertThat(fleet.startDelay("t1")).isEqualTo(Duration.ofMillis(400));
        long sentAt = System.nanoTime();
        fleet.dispatch(start(host, "t1"));
        fleet.dispatch(start(host, "t2"));
        fleet.dispatch(new AgentCommand.StopTask("c", host, "t2", StopCode.UserInitiated, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> statuses("t1").contains(TaskStatus.RUNNING));
        assertThat(System.nanoTime() - sentAt).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(statuses("t2")).containsOnly(TaskStatus.STOPPED); // reported when stopped, repeated by the late start
    }

    @Test
    void usageIsPublishedOnlyWhenTheLifecycleAsksForIt() {
        SimulatedFleet quiet = fleet("{'hosts': {'count': 1}}");
        quiet.start();
        quiet.dispatch(start(quiet.instanceIds().get(0), "t1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> statuses("t1").contains(TaskStatus.RUNNING));
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(usage).isEmpty();
        quiet.close();

        SimulatedFleet measured = fleet("{'hosts': {'count': 1}, 'lifecycle': {'usage': true}}");
        measured.start();
        String host = measured.instanceIds().get(0);
        measured.dispatch(start(host, "t2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !usage.isEmpty());
        assertThat(usage.get(0).taskId()).isEqualTo("t2");
        assertThat(usage.get(0).containerInstanceId()).isEqualTo(host);
        assertThat(usage.get(0).cpuUtilization()).isPositive();
    }

    @Test
    void lostHostsStopHeartbeatingAndIgnoreCommands() {
        SimulatedFleet fleet = fleet("{'hosts': {'count': 10, 'heartbeatInterval': '100ms', 'loss': {'at': '300ms', 'share': 0.3}}}");
        fleet.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> fleet.status().lost() == 3);
        Set<String> lost = Set.copyOf(fleet.lostInstanceIds());
        assertThat(lost).hasSize(3);
        assertThat(fleet.dispatch(start(lost.iterator().next(), "t1"))).isFalse();
        int before = events.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() > before + 20);
        assertThat(events.subList(before + 7, events.size())).noneMatch(e -> lost.contains(e.containerInstanceId()));
        assertThat(fleet.status().ready()).isTrue();
        assertThat(fleet.status().registered()).isEqualTo(7);
    }
}
