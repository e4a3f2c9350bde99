package io.longshore.agent.task;

import io.longshore.common.model.HealthStatus;
import java.util.List;

/**
 * Decides a task's health from its containers' health checks, as ECS does: only essential
 * containers with a check count; any of them unhealthy makes the task UNHEALTHY, all of them
 * healthy (and at least one) makes it HEALTHY, anything else (checks still starting, no check at
 * all) is UNKNOWN. The agent only reports it; replacing unhealthy tasks is the scheduler's call.
 */
public final class TaskHealth {

    private TaskHealth() {
    }

    /**
     * One container's part in the verdict.
     *
     * @param health its check's last result: UNKNOWN while starting; null when it has no check
     */
    public record Observation(String containerName, boolean essential, HealthStatus health) {
    }

    public static HealthStatus judge(List<Observation> containers) {
        List<HealthStatus> counted = containers.stream()
                .filter(c -> c.essential() && c.health() != null)
                .map(Observation::health)
                .toList();
        if (counted.contains(HealthStatus.UNHEALTHY)) {
            return HealthStatus.UNHEALTHY;
        }
        if (!counted.isEmpty() && counted.stream().allMatch(h -> h == HealthStatus.HEALTHY)) {
            return HealthStatus.HEALTHY;
        }
        return HealthStatus.UNKNOWN;
    }
}
