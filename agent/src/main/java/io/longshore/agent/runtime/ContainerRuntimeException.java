package io.longshore.agent.runtime;

/** The container engine refused or failed a call; the message is the engine's, fit for a task's reason. */
public class ContainerRuntimeException extends RuntimeException {
    public ContainerRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
