package io.longshore.scheduler.placement;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.TaskSpec;
import io.longshore.scheduler.state.ClusterState;

/**
 * The engine's decision for one task: an allocation on an instance, or the reason (in ECS's
 * words, e.g. {@code RESOURCE:MEMORY}) why no instance could take it.
 */
public record PlacementResult(TaskSpec task, Allocation allocation, String failureReason) {

    public static PlacementResult placed(TaskSpec task, Allocation allocation) {
        return new PlacementResult(task, allocation, null);
    }

    public static PlacementResult failed(TaskSpec task, String reason) {
        return new PlacementResult(task, null, reason);
    }

    public boolean isPlaced() {
        return allocation != null;
    }

    /**
     * The applier's re-check before a decision is recorded: this result, or a failure naming what
     * no longer fits if the view has changed since the decision (see {@link ClusterState#conflict}).
     */
    public PlacementResult recheckedAgainst(ClusterState state) {
        if (!isPlaced()) {
            return this;
        }
        return state.conflict(allocation).map(reason -> failed(task, reason)).orElse(this);
    }
}
