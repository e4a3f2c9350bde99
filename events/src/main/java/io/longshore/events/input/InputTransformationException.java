package io.longshore.events.input;

/** A target input that cannot be rendered as the rules allow (e.g. a JSON template that yields invalid JSON). */
public final class InputTransformationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InputTransformationException(String message) {
        super(message);
    }

    public InputTransformationException(String message, Throwable cause) {
        super(message, cause);
    }
}
