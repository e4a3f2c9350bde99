package io.longshore.events.schedule;

import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)} with AWS's fields and wildcards
 * (see {@link AwsCronSyntax}), evaluated in a time zone.
 *
 * <p>How: cron-utils finds the ticks as wall-clock times, evaluated in UTC where no clock ever
 * jumps; {@link WallClock} then turns each into the instant it fires. cron-utils' own handling of
 * zones is not used because it skips a time in a spring-forward gap entirely, and in a fall-back
 * overlap its nextExecution and lastExecution disagree (an hourly cron runs twice in the repeated
 * hour going forward, a daily 01:30 is found twice going backward).
 *
 * <p>Daylight saving, as {@link WallClock} maps it: a tick in a gap fires at the end of the gap,
 * once, however many ticks the gap held (a daily 02:30 fires at 03:00 that night; {@code 0/15} fires
 * 02:00, 02:15, 02:30 and 02:45 as one tick at 03:00 together with the 03:00 tick); a tick in an
 * overlap fires at its first occurrence only (so an hourly cron does not fire during the repeated
 * hour's second pass).
 *
 * <p>{@link #latestDue} takes cron-utils' lastExecution only once nextExecution (what
 * {@link #nextAfter} uses) confirms it; otherwise it searches backwards with nextExecution alone
 * (doubling, then bisecting on minutes). Either way: a few calls, O(log outage) at worst, and the
 * same notion of "tick" as {@link #nextAfter}.
 */
public final class CronSchedule implements ScheduleExpression {
    private static final CronDefinition AWS = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark()
            .withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
            .supportsQuestionMark().withStrictRange().and()
            .withYear().withValidRange(1970, 2199).withStrictRange().and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance();
    private static final CronParser PARSER = new CronParser(AWS);

    // Every tick is a wall-clock time in 1970-2199; with offsets within ±18 h these instants bound them all.
    private static final Instant BEFORE_ALL_TICKS = Instant.parse("1969-12-30T00:00:00Z");
    private static final Instant AFTER_ALL_TICKS = Instant.parse("2200-01-03T00:00:00Z");
    private static final LocalDateTime BEFORE_FIRST_YEAR = LocalDateTime.of(1969, 12, 31, 23, 59);

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime ticks;
    private final LocalDateTime firstTick; // null: the expression never fires (e.g. 30 FEB)

    private CronSchedule(String expression, ZoneId zone, ExecutionTime ticks) {
        this.expression = expression;
        this.zone = zone;
        this.ticks = ticks;
        this.firstTick = nextTick(BEFORE_FIRST_YEAR).orElse(null);
    }

    /** body: what is inside {@code cron(...)}. */
    static CronSchedule parse(String expression, String body, ZoneId zone) {
        String checked = AwsCronSyntax.check(body);
        try {
            return new CronSchedule(expression, zone, ExecutionTime.forCron(PARSER.parse(checked)));
        } catch (IllegalArgumentException e) {
            // AwsCronSyntax should have caught it; keep cron-utils' words rather than fail obscurely
            throw new InvalidScheduleException("ScheduleExpression: cron is not valid: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        if (firstTick == null || !after.isBefore(AFTER_ALL_TICKS)) {
            return Optional.empty();
        }
        Instant from = after.isBefore(BEFORE_ALL_TICKS) ? BEFORE_ALL_TICKS : after;
        // the first tick at or after the earliest wall-clock time that fires after `from`
        LocalDateTime bound = WallClock.firstWallTimeFiringAfter(from, zone);
        return nextTick(bound.minusNanos(1)).map(this::fire);
    }

    @Override
    public Optional<Instant> latestDue(Instant after, Instant now) {
        return latestDue(after, now, true);
    }

    /** guessFirst = false skips cron-utils' lastExecution, so tests can check the search on its own. */
    Optional<Instant> latestDue(Instant after, Instant now, boolean guessFirst) {
        if (firstTick == null || !now.isAfter(after) || now.isBefore(BEFORE_ALL_TICKS)) {
            return Optional.empty();
        }
        Instant upTo = now.isAfter(AFTER_ALL_TICKS) ? AFTER_ALL_TICKS : now;
        // every tick before this bound fires at or before `upTo`, every tick from it on fires later
        LocalDateTime bound = WallClock.firstWallTimeFiringAfter(upTo, zone);
        return lastTickBefore(bound, guessFirst).map(this::fire).filter(t -> t.isAfter(after));
    }

    private Instant fire(LocalDateTime tick) {
        return WallClock.fireInstant(tick, zone);
    }

    /** The first tick strictly after {@code local}. Ticks fall on whole minutes, so dropping the fraction of a second is safe. */
    private Optional<LocalDateTime> nextTick(LocalDateTime local) {
        return ticks.nextExecution(local.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC))
                .map(t -> t.toLocalDateTime());
    }

    /**
     * The latest tick strictly before {@code bound}. cron-utils' lastExecution is fast and usually
     * right, but it is a second search algorithm; accept its answer only when nextTick, the one
     * {@link #nextAfter} relies on, confirms it, and otherwise search with nextTick alone.
     */
    private Optional<LocalDateTime> lastTickBefore(LocalDateTime bound, boolean guessFirst) {
        if (!firstTick.isBefore(bound)) {
            return Optional.empty();
        }
        if (guessFirst) {
            Optional<LocalDateTime> guess = cronUtilsLastTickBefore(bound);
            if (guess.isPresent() && isLastTickBefore(guess.get(), bound)) {
                return guess;
            }
        }
        return searchLastTickBefore(bound);
    }

    private Optional<LocalDateTime> cronUtilsLastTickBefore(LocalDateTime bound) {
        try {
            return ticks.lastExecution(ceilingSecond(bound).atZone(ZoneOffset.UTC)).map(t -> t.toLocalDateTime());
        } catch (RuntimeException e) {
            // cron-utils 9.2.1 throws, e.g., DateTimeException "Invalid date 'February 29'" for cron(* * * 2 ? */7)
            return Optional.empty();
        }
    }

    private boolean isLastTickBefore(LocalDateTime candidate, LocalDateTime bound) {
        return candidate.isBefore(bound)
                && nextTick(candidate.minusSeconds(1)).equals(Optional.of(candidate))  // it is a tick
                && nextTick(candidate).map(t -> !t.isBefore(bound)).orElse(true);     // and none follows before the bound
    }

    /**
     * With m a whole minute, nextTick(m) is non-decreasing in m, and the answer is nextTick(m*) for
     * the largest m* whose nextTick is before the bound; find m* by doubling back from the bound,
     * then bisecting: O(log(bound - answer)) calls.
     */
    private Optional<LocalDateTime> searchLastTickBefore(LocalDateTime bound) {
        long floor = minuteOf(firstTick) - 1;           // nextTick(floor) = firstTick, before the bound
        long hi = minuteOf(bound.minusNanos(1));         // nextTick(hi) >= bound: ticks are whole minutes
        long width = 1;
        long lo = Math.max(floor, hi - width);
        while (!tickBefore(lo, bound)) {
            hi = lo;
            width *= 2;
            lo = Math.max(floor, hi - width);
        }
        while (hi - lo > 1) {                            // nextTick(lo) < bound <= nextTick(hi)
            long mid = lo + (hi - lo) / 2;
            if (tickBefore(mid, bound)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return nextTick(atMinute(lo));
    }

    private static LocalDateTime ceilingSecond(LocalDateTime local) {
        LocalDateTime floor = local.truncatedTo(ChronoUnit.SECONDS);
        return floor.equals(local) ? local : floor.plusSeconds(1);
    }

    private boolean tickBefore(long minute, LocalDateTime bound) {
        return nextTick(atMinute(minute)).filter(t -> t.isBefore(bound)).isPresent();
    }

    private static long minuteOf(LocalDateTime local) {
        return Math.floorDiv(local.toEpochSecond(ZoneOffset.UTC), 60);
    }

    private static LocalDateTime atMinute(long minute) {
        return LocalDateTime.ofEpochSecond(minute * 60, 0, ZoneOffset.UTC);
    }

    @Override
    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && expression.equals(other.expression) && zone.equals(other.zone);
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
