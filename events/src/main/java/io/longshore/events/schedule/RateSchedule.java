package io.longshore.events.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code rate(value unit)}: ticks at anchor + k × period for k >= 1. The period is a fixed duration
 * (a day is 24 hours, as in EventBridge Scheduler), so rates ignore time zones and daylight saving.
 */
public final class RateSchedule implements ScheduleExpression {
    private static final Map<String, ChronoUnit> SINGULAR =
            Map.of("minute", ChronoUnit.MINUTES, "hour", ChronoUnit.HOURS, "day", ChronoUnit.DAYS);
    private static final Map<String, ChronoUnit> PLURAL =
            Map.of("minutes", ChronoUnit.MINUTES, "hours", ChronoUnit.HOURS, "days", ChronoUnit.DAYS);

    private final String expression;
    private final long value;
    private final ChronoUnit unit;
    private final Duration period;
    private final Instant anchor;

    private RateSchedule(String expression, long value, ChronoUnit unit, Instant anchor) {
        this.expression = expression;
        this.value = value;
        this.unit = unit;
        this.period = unit.getDuration().multipliedBy(value);
        this.anchor = anchor;
    }

    /** body: what is inside {@code rate(...)}. */
    static RateSchedule parse(String expression, String body, Instant anchor) {
        int space = body.indexOf(' ');
        if (space <= 0 || space != body.lastIndexOf(' ') || space == body.length() - 1) {
            throw InvalidScheduleException.expression(
                    "rate must be rate(value unit), a value and a unit separated by one space, got '" + expression + "'");
        }
        String valueText = body.substring(0, space);
        String unitText = body.substring(space + 1);
        long value = parseValue(valueText);
        ChronoUnit unit = value == 1 ? SINGULAR.get(unitText) : PLURAL.get(unitText);
        if (unit == null) {
            if (value == 1 && PLURAL.containsKey(unitText)) {
                throw InvalidScheduleException.expression(
                        "rate unit must be singular when the value is 1 (rate(1 " + singular(unitText) + "))");
            }
            if (value != 1 && SINGULAR.containsKey(unitText)) {
                throw InvalidScheduleException.expression("rate unit must be plural when the value is greater than 1 (rate("
                        + value + " " + unitText + "s))");
            }
            throw InvalidScheduleException.expression(
                    "rate unit must be minute, minutes, hour, hours, day or days, got '" + unitText + "'");
        }
        return new RateSchedule(expression, value, unit, anchor);
    }

    private static long parseValue(String text) {
        // digits only, no sign, no leading zero; an int is already longer than any useful schedule
        if (!text.matches("[1-9][0-9]{0,9}") || Long.parseLong(text) > Integer.MAX_VALUE) {
            throw InvalidScheduleException.expression(
                    "rate value must be a positive integer (at most " + Integer.MAX_VALUE + "), got '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static String singular(String plural) {
        return plural.substring(0, plural.length() - 1);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        long k = after.isBefore(anchor) ? 1 : ticksUpTo(after) + 1;
        return tick(k);
    }

    @Override
    public Optional<Instant> latestDue(Instant after, Instant now) {
        if (!now.isAfter(after) || now.isBefore(anchor)) {
            return Optional.empty();
        }
        long k = ticksUpTo(now);
        if (k < 1) {
            return Optional.empty();
        }
        return tick(k).filter(t -> t.isAfter(after));
    }

    /** How many ticks fall in (anchor, instant], for instant >= anchor: floor((instant - anchor) / period). */
    private long ticksUpTo(Instant instant) {
        return Duration.between(anchor, instant).dividedBy(period);
    }

    private Optional<Instant> tick(long k) {
        try {
            return Optional.of(anchor.plus(period.multipliedBy(k)));
        } catch (DateTimeException | ArithmeticException beyondTheEndOfTime) {
            return Optional.empty();
        }
    }

    @Override
    public String expression() {
        return expression;
    }

    public long value() {
        return value;
    }

    /** MINUTES, HOURS or DAYS. */
    public ChronoUnit unit() {
        return unit;
    }

    public Duration period() {
        return period;
    }

    public Instant anchor() {
        return anchor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateSchedule other && expression.equals(other.expression) && anchor.equals(other.anchor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, anchor);
    }

    @Override
    public String toString() {
        return expression + " from " + anchor;
    }
}
