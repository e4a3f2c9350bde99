package io.longshore.agent.runtime;

import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
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

    /**
     * Pulls the image (its tag, or its digest when it has one) and returns once it is in the engine.
     *
     * @param credential for the image's registry, or null to pull anonymously
     * @throws ContainerRuntimeException with the engine's message when the pull fails or does not
     *                                   finish within {@code timeout}
     */
    void pull(ImageReference image, RegistryCredential credential, Duration timeout);

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

    /**
     * One reading of a running container's CPU and memory counters (takes about a second on Docker,
     * which answers at its next stats collection); empty when the container is gone or not running.
     */
    Optional<ContainerUsage> usage(String containerId);
}
