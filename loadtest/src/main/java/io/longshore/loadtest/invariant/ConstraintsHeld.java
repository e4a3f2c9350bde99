package io.longshore.loadtest.invariant;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.Allocation;
import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.InstanceFacts;
import io.longshore.loadtest.recording.AcceptedTask;
import io.longshore.loadtest.recording.ClusterReplay;
import io.longshore.loadtest.recording.InstanceDirectory;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every placement honours the constraints the task was run under, judged as the scheduler judges
 * them at the moment of placement: memberOf against the instance's attributes and what it held
 * then (for {@code runningTasksCount} and {@code task:group}); distinctInstance as no other held
 * task of the same group on the instance.
 */
public final class ConstraintsHeld implements Invariant {
    public static final String NAME = "constraintsHeld";

    @Override
    public InvariantResult check(Recording recording) {
        InstanceDirectory instances = InstanceDirectory.of(recording.instances());
        Map<String, List<PlacementConstraint>> byTask = new HashMap<>();
        for (AcceptedTask t : recording.accepted()) {
            byTask.put(t.taskId(), t.placementConstraints());
        }
        Map<String, ClusterQuery> parsed = new HashMap<>();
        var result = new InvariantResult.Builder(NAME, "every placement satisfied its memberOf and distinctInstance constraints");
        ClusterReplay.replay(recording.taskEvents(), new ClusterReplay.Listener() {
            @Override
            public void placed(TaskEvent event, Allocation allocation, ClusterReplay.Holdings before) {
                String taskId = event.change().taskId();
                List<PlacementConstraint> constraints = byTask.get(taskId);
                if (constraints == null && allocation.group() != null) {
                    constraints = recording.constraintsByGroup().get(allocation.group());
                }
                if (constraints == null || constraints.isEmpty()) {
                    return;
                }
                String instanceId = allocation.containerInstanceId();
                InstanceState state = instances.get(instanceId).orElse(null);
                for (PlacementConstraint c : constraints) {
                    result.checked();
                    if ("distinctInstance".equals(c.type())) {
                        int others = before.groupCount(allocation.group(), taskId);
                        if (others > 0) {
                            result.violation("task " + taskId + " (group " + allocation.group() + ") placed on "
                                    + instanceId + " which already held " + others + " task(s) of its group");
                        }
                    } else if ("memberOf".equals(c.type())) {
                        ClusterQuery query = parsed.computeIfAbsent(c.expression(), ClusterQuery::parse);
                        InstanceFacts facts = InstanceFacts.of(instanceId,
                                state == null ? Map.of() : state.attributes(), true,
                                state == null ? null : state.agentVersion(),
                                state == null ? null : state.registeredAt(), before.taskCount(), before.groups());
                        if (!query.matches(facts)) {
                            result.violation("task " + taskId + " placed on " + instanceId + " "
                                    + (state == null ? "(unknown instance)" : state.attributes())
                                    + " which is not memberOf(" + c.expression() + ")");
                        }
                    }
                }
            }
        });
        return result.build();
    }
}
