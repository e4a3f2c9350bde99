package io.longshore.events.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code at(yyyy-mm-ddThh:mm:ss)}: one wall-clock time in the schedule's zone, so one tick. A time
 * in a daylight-saving gap or overlap fires as {@link WallClock} says (the gap's end; the first pass).
 */
public final class AtSchedule implements ScheduleExpression {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    private final String expression;
    private final LocalDateTime wallTime;
    private final ZoneId zone;
    private final Instant instant;

    private AtSchedule(String expression, LocalDateTime wallTime, ZoneId zone) {
        this.expression = expression;
        this.wallTime = wallTime;
        this.zone = zone;
        this.instant = WallClock.fireInstant(wallTime, zone);
    }

    /** body: what is inside {@code at(...)}. */
    static AtSchedule parse(String expression, String body, ZoneId zone) {
        if (!SHAPE.matcher(body).matches()) {
            throw InvalidScheduleException.expression("at must be at(yyyy-mm-ddThh:mm:ss), got '" + expression + "'");
        }
        try {
            return new AtSchedule(expression, LocalDateTime.parse(body), zone);
        } catch (DateTimeParseException e) {
            throw InvalidScheduleException.expression("at date-time '" + body + "' does not exist");
        }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        return instant.isAfter(after) ? Optional.of(instant) : Optional.empty();
    }

    @Override
    public Optional<Instant> latestDue(Instant after, Instant now) {
        return instant.isAfter(after) && !instant.isAfter(now) ? Optional.of(instant) : Optional.empty();
    }

    @Override
    public String expression() {
        return expression;
    }

    /** The wall-clock time as written. */
    public LocalDateTime wallTime() {
        return wallTime;
    }

    public ZoneId zone() {
        return zone;
    }

    /** When it fires. */
    public Instant instant() {
        return instant;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtSchedule other && expression.equals(other.expression) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return expression + " in " + zone;
    }
}
