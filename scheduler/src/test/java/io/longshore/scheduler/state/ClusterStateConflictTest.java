package io.longshore.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The applier's re-check: a decision taken on an older snapshot is refused when it no longer fits. */
class ClusterStateConflictTest {
    private final ClusterState state = new ClusterState();

    @Test
    void aDecisionThatNoLongerFitsIsRefusedWithWhatIsShort() {
        state.applyInstance(Fixtures.instance("i-a", 1024, 1024, "zone-a"));
        state.applyTask("t-1", TaskStatus.RUNNING, new Allocation("i-a", 512, 800, List.of(new HostPort(80, "tcp"))));

        assertThat(state.conflict(new Allocation("i-a", 256, 200, List.of()))).isEmpty();
        assertThat(state.conflict(new Allocation("i-a", 600, 100, List.of()))).contains("RESOURCE:CPU");
        assertThat(state.conflict(new Allocation("i-a", 100, 300, List.of()))).contains("RESOURCE:MEMORY");
        assertThat(state.conflict(new Allocation("i-a", 1, 1, List.of(new HostPort(80, "tcp")))))
                .contains("RESOURCE:PORTS");
        assertThat(state.conflict(new Allocation("i-a", 1, 1, List.of(new HostPort(80, "udp"))))).isEmpty();
        assertThat(state.conflict(new Allocation("i-x", 1, 1, List.of()))).contains("AGENT");
    }

    @Test
    void anInstanceThatStoppedAcceptingPlacementsRefusesThem() {
        InstanceState a = Fixtures.instance("i-a", 1024, 1024, "zone-a");
        state.applyInstance(new InstanceState(a.cluster(), "i-a", InstanceStatus.DRAINING, true, a.bindIp(),
                a.agentVersion(), a.resources(), a.attributes(), a.registeredAt()));

        assertThat(state.conflict(new Allocation("i-a", 1, 1, List.of()))).contains("AGENT");
    }
}
