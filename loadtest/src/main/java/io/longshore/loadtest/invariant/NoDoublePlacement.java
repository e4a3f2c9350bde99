package io.longshore.loadtest.invariant;

import io.longshore.common.model.TaskStatus;
import io.longshore.loadtest.recording.ClusterReplay;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * No task is placed twice: every report of a task names the instance it was first placed on,
 * and no two agents report it RUNNING.
 */
public final class NoDoublePlacement implements Invariant {
    public static final String NAME = "noDoublePlacement";
    private static final String AGENT_PREFIX = "agent/";

    @Override
    public InvariantResult check(Recording recording) {
        var result = new InvariantResult.Builder(NAME, "no task is placed on two instances or reported RUNNING by two agents");
        Set<String> flagged = new HashSet<>();
        ClusterReplay.replay(recording.taskEvents(), new ClusterReplay.Listener() {
            @Override
            public void otherInstance(TaskEvent event, String firstInstance, String otherInstance) {
                if (flagged.add(event.change().taskId())) {
                    result.violation("task " + event.change().taskId() + " placed on " + firstInstance
                            + " and later reported on " + otherInstance + " (offset " + event.offset() + ")");
                }
            }
        });
        Map<String, String> runningReporter = new HashMap<>();
        Set<String> tasks = new HashSet<>();
        for (TaskEvent e : recording.taskEvents()) {
            var c = e.change();
            tasks.add(c.taskId());
            if (c.lastStatus() != TaskStatus.RUNNING || c.reporter() == null || !c.reporter().startsWith(AGENT_PREFIX)) {
                continue;
            }
            String agent = c.reporter().substring(AGENT_PREFIX.length());
            String first = runningReporter.putIfAbsent(c.taskId(), agent);
            if (first != null && !first.equals(agent) && flagged.add(c.taskId())) {
                result.violation("task " + c.taskId() + " reported RUNNING by agents of " + first + " and " + agent);
            }
        }
        tasks.forEach(t -> result.checked());
        return result.build();
    }
}
