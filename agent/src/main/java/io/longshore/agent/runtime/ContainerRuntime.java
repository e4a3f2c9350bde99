package io.longshore.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The container engine as the agent needs it. Docker implements it for real hosts; a simulated
 * runtime can stand in to load-test thousands of agents. Every call blocks: callers keep them off
 * event loops. Failures are {@link ContainerRuntimeException}s with the engine's message.
 */
public interface ContainerRuntime {

    /** Fails when the engine does not answer. */
    void ping();

    boolean imagePresent(String image);

    /** Creates (does not start) a container and returns its runtime id. */
    String create(ContainerSpec spec);

    void start(String containerId);

    /**
     * Stops a running container: the stop signal (SIGTERM), then SIGKILL after {@code timeout}.
     * Stopping a container that is not running, or is gone, is not an error.
     */
    void stop(String containerId, Duration timeout);

    /** The container's current state (with its health check's result), or empty when it does not exist. */
    Optional<ContainerInfo> inspect(String containerId);

    /** Removes a container, running or not; removing one that is gone is not an error. */
    void remove(String containerId);

    /**
     * Every container, running or exited, carrying label {@code key=value}. Exit codes are not filled
     * in; health is filled in where the listing shows it, as a cheap hint that {@link #inspect} confirms.
     */
    List<ContainerInfo> listByLabel(String key, String value);
}
