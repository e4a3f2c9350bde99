package io.longshore.scheduler.service;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.TrackedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Declares the tasks of a lost host stopped. An instance whose agent has been disconnected for
 * longer than the grace period is lost: each of its tasks that is not yet STOPPED is reported
 * STOPPED with a reason that says so (services then replace them), and a StopTask is queued for
 * its agent, which the agent's consumer group keeps, so that an agent coming back stops those
 * containers instead of running a task twice. Pure: decides from the view and records its
 * decisions in it.
 */
public final class LostInstanceSweeper {
    private final Clock clock;
    private final Duration grace;

    public LostInstanceSweeper(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    public static String stoppedReason(String instanceId) {
        return "Host was lost: container instance " + instanceId + " stopped reporting";
    }

    public List<SchedulerAction> sweep(String cluster, ClusterState state) {
        Instant now = clock.instant();
        List<SchedulerAction> actions = new ArrayList<>();
        for (InstanceState instance : state.instances()) {
            Optional<Instant> since = state.disconnectedSince(instance.containerInstanceId());
            if (since.isEmpty() || now.isBefore(since.get().plus(grace))) {
                continue;
            }
            String instanceId = instance.containerInstanceId();
            for (TrackedTask task : state.unstoppedTasksOnInstance(instanceId)) {
                String reason = stoppedReason(instanceId);
                TaskStateChange report = new TaskStateChange(cluster, task.taskId(), TaskStatus.STOPPED,
                        task.allocation(), null, StopCode.ServiceSchedulerInitiated, reason, task.startedAt(), null,
                        now, now, TaskRequestHandler.REPORTER, task.startedBy(), task.healthStatus(), null);
                state.applyReport(report);
                actions.add(new SchedulerAction.ReportState(report));
                actions.add(new SchedulerAction.SendCommand(new AgentCommand.StopTask(cluster, instanceId,
                        task.taskId(), StopCode.ServiceSchedulerInitiated, reason)));
            }
        }
        return actions;
    }
}
