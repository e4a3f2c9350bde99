package io.longshore.scheduler.capacity;

import static io.longshore.scheduler.Fixtures.instance;
import static io.longshore.scheduler.Fixtures.providerInstance;
import static io.longshore.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ClusterCapacity.ProviderInstance;
import io.longshore.common.messaging.ClusterCapacity.WaitingTask;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.state.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCapacitiesTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Set<String> DAEMONS = Set.of("service:logs");

    private final ClusterState state = new ClusterState();

    private void running(String taskId, String instanceId, int cpu, int memory, String group) {
        state.applyTask(taskId, TaskStatus.RUNNING, new Allocation(instanceId, cpu, memory, List.of(), group));
    }

    private void waiting(String taskId, int cpu, int memory, String provider, Instant since) {
        state.applyReport(new TaskStateChange("default", taskId, TaskStatus.PROVISIONING, null, null, null, null, null,
                null, null, since, "scheduler", null, null, task(taskId, cpu, memory).withCapacityProviderName(provider)));
    }

    @Test
    void theFiguresOfAProvidersInstancesAndWaitingTasks() {
        state.applyInstance(providerInstance("a2", 1024, 2048, "a"));
        state.applyInstance(providerInstance("a1", 1024, 2048, "a"));
        state.applyInstance(providerInstance("b1", 1024, 2048, "b"));
        state.applyInstance(instance("plain", 1024, 2048, "z"));
        state.applyInstance(new InstanceState("default", "a-gone", InstanceStatus.INACTIVE, false, null, null,
                instance("x", 1024, 2048, "z").resources(), Map.of(), Instant.EPOCH, "a"));
        running("web-1", "a1", 256, 512, "service:web");
        running("log-1", "a1", 64, 128, "service:logs");
        running("log-2", "a2", 64, 128, "service:logs");
        state.applyTask("old", TaskStatus.STOPPED, new Allocation("a2", 512, 512, List.of(), "family:x"));
        running("plain-1", "plain", 100, 100, null);
        waiting("w-young", 300, 400, "a", T0.plusSeconds(5));
        waiting("w-old", 100, 200, "a", T0);
        waiting("w-b", 100, 200, "b", T0);

        ClusterCapacity a = ClusterCapacities.of("default", "a", state, DAEMONS, T0);

        assertThat(a.key()).isEqualTo("default/a");
        assertThat(a.provisioning()).containsExactly(new WaitingTask("w-old", 100, 200, T0),
                new WaitingTask("w-young", 300, 400, T0.plusSeconds(5)));
        assertThat(a.instances()).containsExactly(
                new ProviderInstance("a1", InstanceStatus.ACTIVE, true, 1024 - 320, 2048 - 640, 2, 1, "host-a1",
                        Instant.EPOCH),
                new ProviderInstance("a2", InstanceStatus.ACTIVE, true, 1024 - 64, 2048 - 128, 1, 0, "host-a2",
                        Instant.EPOCH));
        assertThat(ClusterCapacities.providers(state)).containsExactly("a", "b");
    }

    @Test
    void aWaitingTaskAloneMakesTheProviderKnown() {
        waiting("w1", 100, 200, "c", T0);
        assertThat(ClusterCapacities.providers(state)).containsExactly("c");
        ClusterCapacity c = ClusterCapacities.of("default", "c", state, DAEMONS, T0);
        assertThat(c.instances()).isEmpty();
        assertThat(c.provisioning()).extracting(WaitingTask::taskId).containsExactly("w1");
    }

    @Test
    void publishedWhenChangedAtLeastEveryIntervalAndOnceEmptyWhenTheProviderIsGone() {
        MutableClock clock = new MutableClock(T0);
        ClusterCapacityReporter reporter = new ClusterCapacityReporter(clock, Duration.ofSeconds(30));
        state.applyInstance(providerInstance("a1", 1024, 2048, "a"));

        assertThat(reporter.due("default", state, DAEMONS)).singleElement()
                .satisfies(c -> assertThat(c.at()).isEqualTo(T0));
        clock.now = T0.plusSeconds(1);
        assertThat(reporter.due("default", state, DAEMONS)).as("unchanged").isEmpty();

        waiting("w1", 100, 200, "a", clock.now);
        assertThat(reporter.due("default", state, DAEMONS)).singleElement()
                .satisfies(c -> assertThat(c.provisioning()).hasSize(1));
        clock.now = T0.plusSeconds(30);
        assertThat(reporter.due("default", state, DAEMONS)).isEmpty();
        clock.now = T0.plusSeconds(31);
        assertThat(reporter.due("default", state, DAEMONS)).as("30 s after the last").hasSize(1);

        state.applyTask("w1", TaskStatus.STOPPED, null);
        state.applyInstance(new InstanceState("default", "a1", InstanceStatus.INACTIVE, false, null, null,
                instance("a1", 1024, 2048, "z").resources(), Map.of(), Instant.EPOCH, "a"));
        clock.now = T0.plusSeconds(32);
        assertThat(reporter.due("default", state, DAEMONS)).as("the provider had them last round").singleElement()
                .satisfies(c -> {
                    assertThat(c.instances()).isEmpty();
                    assertThat(c.provisioning()).isEmpty();
                });
        clock.now = T0.plusSeconds(120);
        assertThat(reporter.due("default", state, DAEMONS)).as("nothing more to say about it").isEmpty();
        assertThat(reporter.due("other", new ClusterState(), DAEMONS)).isEmpty();
    }

    static final class MutableClock extends java.time.Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
