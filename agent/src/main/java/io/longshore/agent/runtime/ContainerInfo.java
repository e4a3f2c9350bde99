package io.longshore.agent.runtime;

import io.longshore.common.model.HealthStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A container as the engine reports it.
 *
 * @param exitCode   the exit code once it has exited (null while running, or when listed rather than inspected)
 * @param startedAt  when it last started, if known
 * @param finishedAt when it exited, if it has
 * @param health     the result of the container's health check: UNKNOWN while the check is starting,
 *                   null when the container has no check (or, when listed, when the engine does not say)
 */
public record ContainerInfo(
        String id,
        String name,
        Map<String, String> labels,
        boolean running,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        HealthStatus health) {
}
