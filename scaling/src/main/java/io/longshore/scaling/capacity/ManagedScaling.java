package io.longshore.scaling.capacity;

import java.time.Duration;

/**
 * A capacity provider's managed scaling, as ECS's ManagedScaling: keep the reservation at
 * {@code targetCapacity} percent, changing the group by {@code minimumScalingStepSize} to
 * {@code maximumScalingStepSize} hosts at a time; a host launched less than
 * {@code instanceWarmupPeriod} ago blocks further scale-out.
 */
public record ManagedScaling(int targetCapacity, int minimumScalingStepSize, int maximumScalingStepSize,
                             Duration instanceWarmupPeriod) {
    public static final int DEFAULT_TARGET_CAPACITY = 100;
    public static final int DEFAULT_MINIMUM_STEP = 1;
    public static final int DEFAULT_MAXIMUM_STEP = 10_000;
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(300);

    public ManagedScaling {
        if (targetCapacity < 1 || targetCapacity > 100) {
            throw new IllegalArgumentException("targetCapacity is 1 to 100");
        }
        if (minimumScalingStepSize < 1 || maximumScalingStepSize < minimumScalingStepSize) {
            throw new IllegalArgumentException("1 <= minimumScalingStepSize <= maximumScalingStepSize");
        }
    }
}
