package io.longshore.scheduler.service;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.PlacementFailures;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.PlacementResult;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.TrackedTask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the control plane's intents into decisions: placements (a PENDING report and a StartTask
 * command), placement failures (a STOPPED report with the reason) and stops. A task with a capacity
 * provider that fits on none of the provider's instances is not stopped: it is reported
 * PROVISIONING with its whole spec and waits, and {@link #placeWaiting} tries it again each round
 * (the provider's group is scaled out for it meanwhile). It records its own decisions in the
 * {@link ClusterState} at once, so the next request sees them. A redelivered request changes
 * nothing, except that a placement whose command may have been lost is sent again (agents ignore a
 * StartTask for a task they already run).
 */
public final class TaskRequestHandler {
    public static final String REPORTER = "scheduler";

    private final PlacementEngine engine;
    private final Clock clock;

    public TaskRequestHandler(PlacementEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public List<SchedulerAction> handle(TaskRequest request, ClusterState state) {
        if (request instanceof TaskRequest.PlaceTasks place) {
            return place(place, state);
        }
        return stop((TaskRequest.StopTask) request, state);
    }

    private List<SchedulerAction> place(TaskRequest.PlaceTasks request, ClusterState state) {
        List<SchedulerAction> actions = new ArrayList<>();
        List<TaskSpec> fresh = new ArrayList<>();
        for (TaskSpec task : request.tasks()) {
            Optional<TrackedTask> known = state.task(task.taskId());
            if (known.isEmpty() || known.get().status() == TaskStatus.PROVISIONING
                    && state.waiting(task.taskId()).isEmpty()) {
                fresh.add(task);
            } else if (known.get().status() == TaskStatus.PENDING && known.get().allocation() != null) {
                actions.add(start(task, known.get().allocation()));
            }
        }
        Instant now = clock.instant();
        for (PlacementResult decided : engine.place(fresh, request.placementConstraints(),
                request.placementStrategy(), state)) {
            PlacementResult result = decided.recheckedAgainst(state);
            TaskSpec task = result.task();
            if (result.isPlaced()) {
                state.applyTask(task.taskId(), TaskStatus.PENDING, result.allocation());
                actions.add(new SchedulerAction.ReportState(new TaskStateChange(task.cluster(), task.taskId(),
                        TaskStatus.PENDING, result.allocation(), null, null, null, null, null, null, now, REPORTER)));
                actions.add(start(task, result.allocation()));
            } else if (task.capacityProviderName() != null) {
                actions.add(provisioning(task.withPlacement(request.placementConstraints(),
                        request.placementStrategy()), state, now));
            } else {
                state.applyTask(task.taskId(), TaskStatus.STOPPED, null);
                actions.add(new SchedulerAction.ReportState(new TaskStateChange(task.cluster(), task.taskId(),
                        TaskStatus.STOPPED, null, null, StopCode.TaskFailedToStart,
                        PlacementFailures.stoppedReason(result.failureReason()), null, null, now, now, REPORTER)));
            }
        }
        return actions;
    }

    /**
     * Reports the task PROVISIONING with its spec (which carries what it is to be placed under, so a
     * restarted scheduler rebuilds it as waiting) and records it as waiting.
     */
    public static SchedulerAction provisioning(TaskSpec waiting, ClusterState state, Instant now) {
        TaskStateChange report = new TaskStateChange(waiting.cluster(), waiting.taskId(), TaskStatus.PROVISIONING,
                null, null, null, null, null, null, null, now, REPORTER, waiting.startedBy(), null, waiting);
        state.applyReport(report);
        return new SchedulerAction.ReportState(report);
    }

    /**
     * Tries the cluster's waiting tasks again, oldest first, each under its own constraints and
     * strategy: a placed one is reported PENDING and started like a fresh placement; the others
     * keep waiting, and nothing is reported for them.
     */
    public List<SchedulerAction> placeWaiting(ClusterState state) {
        List<SchedulerAction> actions = new ArrayList<>();
        Instant now = clock.instant();
        for (ClusterState.WaitingTask waiting : state.waitingTasks()) {
            TaskSpec spec = waiting.spec();
            TaskSpec task = spec.withPlacement(List.of(), List.of()); // what the agent runs; placement is ours
            PlacementResult result = engine.place(List.of(task), spec.placementConstraints(),
                    spec.placementStrategy(), state).get(0).recheckedAgainst(state);
            if (!result.isPlaced()) {
                continue;
            }
            TaskStateChange report = new TaskStateChange(task.cluster(), task.taskId(), TaskStatus.PENDING,
                    result.allocation(), null, null, null, null, null, null, now, REPORTER, task.startedBy(), null,
                    null);
            state.applyReport(report);
            actions.add(new SchedulerAction.ReportState(report));
            actions.add(start(task, result.allocation()));
        }
        return actions;
    }

    private static SchedulerAction start(TaskSpec task, Allocation allocation) {
        return new SchedulerAction.SendCommand(
                new AgentCommand.StartTask(task.cluster(), allocation.containerInstanceId(), task, allocation));
    }

    private List<SchedulerAction> stop(TaskRequest.StopTask request, ClusterState state) {
        Optional<TrackedTask> known = state.task(request.taskId());
        if (known.isPresent() && known.get().status() == TaskStatus.STOPPED) {
            return List.of();
        }
        if (known.isPresent() && known.get().allocation() != null) {
            // The agent owns the task from here: it reports STOPPING and STOPPED.
            return List.of(new SchedulerAction.SendCommand(new AgentCommand.StopTask(request.cluster(),
                    known.get().allocation().containerInstanceId(), request.taskId(), request.stopCode(),
                    request.reason())));
        }
        // Never placed: nothing runs anywhere, so the scheduler closes the task itself.
        Instant now = clock.instant();
        state.applyTask(request.taskId(), TaskStatus.STOPPED, null);
        return List.of(new SchedulerAction.ReportState(new TaskStateChange(request.cluster(), request.taskId(),
                TaskStatus.STOPPED, null, null, request.stopCode(), request.reason(), null, now, now, now, REPORTER)));
    }
}
