package io.longshore.events.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * An EventBridge schedule expression: {@code rate(value unit)}, {@code cron(fields)} or
 * {@code at(yyyy-mm-ddThh:mm:ss)}, evaluated in a time zone. Pure: it never reads a clock; callers
 * pass the instants.
 *
 * <p>Daylight saving (cron and at): ticks are wall-clock times in the zone. A time that does not
 * exist (in a spring-forward gap) fires once at the first instant after the gap (a daily 02:30 fires
 * at 03:00 that night); a time that happens twice (in a fall-back overlap) fires once, at its first
 * occurrence. AWS EventBridge Scheduler instead skips times in the gap; Longshore prefers not to lose
 * a day's run. Rates are fixed durations ({@code 1 day} is 24 hours) and ignore daylight saving.
 *
 * <p>Missed ticks: a firer that was down asks {@link #latestDue} and fires once, for the most recent
 * missed tick; earlier missed ticks are dropped.
 */
public sealed interface ScheduleExpression permits RateSchedule, CronSchedule, AtSchedule {

    /**
     * Parses rate(...), cron(...) or at(...). timezone: an IANA zone id, null or blank = UTC (applies
     * to cron and at; rate ignores it, though an unknown zone is still refused). anchor: when the
     * schedule started (the rule's creation or last schedule change); rate ticks are
     * anchor + k*period for k >= 1. Required for rate, unused by cron and at.
     *
     * @throws InvalidScheduleException whose message names the member at fault, e.g.
     *     "ScheduleExpression: rate unit must be singular when the value is 1 (rate(1 minute))",
     *     "ScheduleExpression: cron day-of-month and day-of-week cannot both be specified; one must be ?",
     *     "ScheduleExpressionTimezone: unknown time zone 'Mars/Base'"
     */
    static ScheduleExpression parse(String expression, String timezone, Instant anchor) {
        return ScheduleParser.parse(expression, timezone, anchor);
    }

    /** The first scheduled time strictly after {@code after}; empty when none remains (a past at(), a cron whose years ended). */
    Optional<Instant> nextAfter(Instant after);

    /**
     * The latest scheduled time t with after < t <= now, if any: the one tick a firer owes after
     * being down (all ticks missed since {@code after} collapse into the most recent one).
     * Logarithmic in the length of the outage, never tick by tick.
     */
    Optional<Instant> latestDue(Instant after, Instant now);

    /** The expression as given. */
    String expression();
}
