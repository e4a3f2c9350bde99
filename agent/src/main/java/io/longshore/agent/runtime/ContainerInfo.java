package io.longshore.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the engine reports it.
 *
 * @param exitCode   the exit code once it has exited (null while running, or when listed rather than inspected)
 * @param startedAt  when it last started, if known
 * @param finishedAt when it exited, if it has
 */
public record ContainerInfo(
        String id,
        String name,
        Map<String, String> labels,
        boolean running,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt) {
}
