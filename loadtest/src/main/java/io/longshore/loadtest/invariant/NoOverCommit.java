package io.longshore.loadtest.invariant;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.Allocation;
import io.longshore.loadtest.recording.ClusterReplay;
import io.longshore.loadtest.recording.InstanceDirectory;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * No instance ever holds more CPU or memory than it registered: replaying the reports in
 * partition order, after every placement the instance's held cpu and memory stay within its
 * registered resources. An allocation on an instance never recorded is a violation too.
 */
public final class NoOverCommit implements Invariant {
    public static final String NAME = "noOverCommit";

    @Override
    public InvariantResult check(Recording recording) {
        InstanceDirectory instances = InstanceDirectory.of(recording.instances());
        var result = new InvariantResult.Builder(NAME, "no instance ever holds more cpu or memory than it registered");
        Set<String> reported = new HashSet<>();
        ClusterReplay.replay(recording.taskEvents(), new ClusterReplay.Listener() {
            @Override
            public void placed(TaskEvent event, Allocation allocation, ClusterReplay.Holdings before) {
                result.checked();
                String id = allocation.containerInstanceId();
                InstanceState state = instances.get(id).orElse(null);
                if (state == null || state.resources() == null) {
                    if (reported.add(id)) {
                        result.violation("task " + event.change().taskId() + " placed on unknown instance " + id);
                    }
                    return;
                }
                long cpu = before.cpu() + allocation.cpu();
                long memory = before.memory() + allocation.memory();
                if (cpu > state.resources().cpu() || memory > state.resources().memory()) {
                    result.violation("instance " + id + " holds cpu " + cpu + "/" + state.resources().cpu()
                            + ", memory " + memory + "/" + state.resources().memory() + " after placing task "
                            + event.change().taskId() + " (offset " + event.offset() + ")");
                }
            }
        });
        return result.build();
    }
}
