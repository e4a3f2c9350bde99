package io.longshore.scheduler.placement;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.TaskSpec;

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
}
