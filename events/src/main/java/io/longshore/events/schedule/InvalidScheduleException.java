package io.longshore.events.schedule;

/**
 * A schedule expression or its time zone is not valid. The message starts with the member at fault,
 * as AWS names it ({@code ScheduleExpression: ...} or {@code ScheduleExpressionTimezone: ...}), so
 * an API layer can pass it on unchanged as a validation error.
 */
public final class InvalidScheduleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidScheduleException(String message) {
        super(message);
    }

    public InvalidScheduleException(String message, Throwable cause) {
        super(message, cause);
    }

    static InvalidScheduleException expression(String message) {
        return new InvalidScheduleException("ScheduleExpression: " + message);
    }

    static InvalidScheduleException timezone(String message) {
        return new InvalidScheduleException("ScheduleExpressionTimezone: " + message);
    }
}
