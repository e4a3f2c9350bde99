package io.longshore.scaling.capacity;

import java.time.Instant;

/**
 * One host of a capacity provider's group as cluster scaling sees it.
 *
 * @param instanceId     the container instance it registered as; null while it is still starting
 * @param freeCpu        CPU units no task holds (0 while starting or draining: nothing can be placed there)
 * @param freeMemory     MiB no task holds
 * @param nonDaemonTasks tasks on it other than daemon service tasks: a host with any is protected from scale-in
 * @param launchedAt     when the provisioner started it (warm-up counts from here)
 */
public record GroupHost(String hostId, String instanceId, int freeCpu, int freeMemory, int nonDaemonTasks,
                        boolean draining, Instant launchedAt) {
    boolean registered() {
        return instanceId != null;
    }

    boolean empty() {
        return nonDaemonTasks == 0;
    }
}
