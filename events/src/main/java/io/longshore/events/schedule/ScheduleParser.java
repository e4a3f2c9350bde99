package io.longshore.events.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** Picks the kind of expression from its prefix and hands the body to that kind's parser. */
final class ScheduleParser {
    // AWS's limit on ScheduleExpression.
    static final int MAX_LENGTH = 256;

    private ScheduleParser() {
    }

    static ScheduleExpression parse(String expression, String timezone, Instant anchor) {
        if (expression == null || expression.isEmpty()) {
            throw InvalidScheduleException.expression("must not be empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw InvalidScheduleException.expression("must be at most " + MAX_LENGTH + " characters");
        }
        ZoneId zone = WallClock.zone(timezone);
        if (expression.startsWith("rate(") && expression.endsWith(")")) {
            Objects.requireNonNull(anchor, "anchor is required for rate(...)");
            return RateSchedule.parse(expression, body(expression, "rate("), anchor);
        }
        if (expression.startsWith("cron(") && expression.endsWith(")")) {
            return CronSchedule.parse(expression, body(expression, "cron("), zone);
        }
        if (expression.startsWith("at(") && expression.endsWith(")")) {
            return AtSchedule.parse(expression, body(expression, "at("), zone);
        }
        throw InvalidScheduleException.expression(
                "must be rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss), got '" + expression + "'");
    }

    private static String body(String expression, String prefix) {
        return expression.substring(prefix.length(), expression.length() - 1);
    }
}
