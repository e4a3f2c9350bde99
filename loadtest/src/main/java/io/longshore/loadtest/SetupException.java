package io.longshore.loadtest;

/** The run could not be set up (API, Kafka or fleet not there, a call refused): exit code 2. */
public final class SetupException extends Exception {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
