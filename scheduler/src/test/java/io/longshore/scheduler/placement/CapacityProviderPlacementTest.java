package io.longshore.scheduler.placement;

import static io.longshore.scheduler.Fixtures.instance;
import static io.longshore.scheduler.Fixtures.providerInstance;
import static io.longshore.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import io.longshore.scheduler.state.ClusterState;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The capacity provider filter: a task of a provider goes only on its instances, one without on any. */
class CapacityProviderPlacementTest {
    private final PlacementEngine engine = new PlacementEngine(new Random(1));

    private static ClusterState cluster(InstanceState... instances) {
        ClusterState state = new ClusterState();
        for (InstanceState instance : instances) {
            state.applyInstance(instance);
        }
        return state;
    }

    private static TaskSpec onProvider(String id, int cpu, int memory, String provider, PortMapping... ports) {
        return task(id, cpu, memory, ports).withCapacityProviderName(provider);
    }

    private List<PlacementResult> place(ClusterState state, TaskSpec... tasks) {
        return engine.place(List.of(tasks), List.of(), List.of(), state);
    }

    @Test
    void aTaskOfAProviderGoesOnlyOnThatProvidersInstances() {
        // the plain instance and the other provider's have more room: binpack or spread would not matter
        ClusterState state = cluster(instance("plain", 8192, 8192, "z"), providerInstance("b1", 8192, 8192, "b"),
                providerInstance("a1", 1024, 1024, "a"));
        for (int i = 0; i < 4; i++) {
            PlacementResult result = place(state, onProvider("t" + i, 100, 100, "a")).get(0);
            assertThat(result.allocation().containerInstanceId()).isEqualTo("a1");
            state.applyTask(result.task().taskId(), io.longshore.common.model.TaskStatus.PENDING, result.allocation());
        }
    }

    @Test
    void aTaskWithoutAProviderMayGoOnAnyInstance() {
        ClusterState state = cluster(providerInstance("a1", 1024, 1024, "a"));
        assertThat(place(state, task("t1", 100, 100)).get(0).allocation().containerInstanceId()).isEqualTo("a1");
    }

    @Test
    void aProviderWithoutInstancesIsNamedAsTheReason() {
        ClusterState state = cluster(instance("plain", 8192, 8192, "z"), providerInstance("b1", 8192, 8192, "b"));
        assertThat(place(state, onProvider("t1", 100, 100, "a")).get(0).failureReason())
                .isEqualTo(PlacementEngine.NO_PROVIDER_INSTANCES);
        // the same through the stage-by-stage path (a static port cannot be judged from columns)
        assertThat(place(state, onProvider("t2", 100, 100, "a", new PortMapping(80, 8080, "tcp"))).get(0)
                .failureReason()).isEqualTo(PlacementEngine.NO_PROVIDER_INSTANCES);
    }

    @Test
    void aFullProviderNamesTheResourceThatRanOutOnItsInstancesNotOnOthers() {
        ClusterState state = cluster(instance("plain", 8192, 8192, "z"), providerInstance("a1", 1024, 512, "a"));
        assertThat(place(state, onProvider("t1", 100, 1024, "a")).get(0).failureReason())
                .isEqualTo(PlacementEngine.RESOURCE_MEMORY);
        assertThat(place(state, onProvider("t2", 2048, 100, "a")).get(0).failureReason())
                .isEqualTo(PlacementEngine.RESOURCE_CPU);
        assertThat(place(state, onProvider("t3", 100, 100, "a", new PortMapping(80, 22, "tcp"))).get(0)
                .failureReason()).isEqualTo(PlacementEngine.RESOURCE_PORTS);
    }

    @Test
    void aProviderWhoseInstancesTakeNoPlacementsFailsOnTheAgent() {
        InstanceState draining = new InstanceState("default", "a1", InstanceStatus.DRAINING, true, null, null,
                instance("a1", 1024, 1024, "z").resources(), null, null, "a");
        ClusterState state = cluster(instance("plain", 8192, 8192, "z"), draining);
        assertThat(place(state, onProvider("t1", 100, 100, "a")).get(0).failureReason())
                .isEqualTo(PlacementEngine.NO_ACTIVE_AGENT);
    }

    @Test
    void oneBatchSplitOverProvidersPutsEachTaskOnItsOwnAndNeverOverCommits() {
        ClusterState state = cluster(providerInstance("a1", 1024, 300, "a"), providerInstance("b1", 1024, 300, "b"));
        List<PlacementResult> results = place(state, onProvider("t1", 10, 200, "a"), onProvider("t2", 10, 200, "b"),
                onProvider("t3", 10, 200, "a"));
        assertThat(results.get(0).allocation().containerInstanceId()).isEqualTo("a1");
        assertThat(results.get(1).allocation().containerInstanceId()).isEqualTo("b1");
        assertThat(results.get(2).failureReason()).isEqualTo(PlacementEngine.RESOURCE_MEMORY);
    }

    @Test
    void constraintsStillApplyWithinTheProvider() {
        ClusterState state = cluster(providerInstance("a1", 1024, 1024, "a"), providerInstance("a2", 1024, 1024, "a"),
                instance("plain", 1024, 1024, "z"));
        List<PlacementResult> results = engine.place(List.of(onProvider("t1", 10, 10, "a")),
                List.of(new PlacementConstraint("memberOf", "ec2InstanceId == a2")), List.of(), state);
        assertThat(results.get(0).allocation().containerInstanceId()).isEqualTo("a2");
        results = engine.place(List.of(onProvider("t2", 10, 10, "a")),
                List.of(new PlacementConstraint("memberOf", "ec2InstanceId == plain")), List.of(), state);
        assertThat(results.get(0).failureReason()).isEqualTo(PlacementEngine.MEMBER_OF);
    }
}
