package io.longshore.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * For random rate and cron expressions, zones (several with odd daylight saving) and instants
 * (many close to a transition), nextAfter and latestDue agree on one set of ticks.
 */
class SchedulePropertiesTest {
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin",
            "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham");
    private static final List<String> MINUTES = List.of("*", "0", "*/5", "15,45", "0-10", "7/20", "59");
    private static final List<String> HOURS = List.of("*", "9", "0-5", "*/6", "2", "1,13", "23");
    private static final List<String> DAYS = List.of(
            "* ?", "1 ?", "L ?", "LW ?", "15W ?", "1/10 ?", "30 ?", "? *", "? MON-FRI", "? 6L", "? 6#3", "? L", "? 2#5", "? SUN");
    private static final List<String> MONTHS = List.of("*", "1", "JAN-MAR", "*/4", "2", "OCT,NOV");
    private static final List<String> YEARS = List.of("*", "*", "*", "2024-2026", "2030", "*/7", "2199", "1970-1975");
    private static final long FIRST = Instant.parse("1965-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("2210-01-01T00:00:00Z").getEpochSecond();

    // parsing a cron that never fires costs a fruitless search; parse each one once
    private static final Map<String, ScheduleExpression> PARSED = new ConcurrentHashMap<>();

    record Case(ScheduleExpression schedule, Instant after, Instant now) {
        @Override
        public String toString() {
            return schedule + " after=" + after + " now=" + now;
        }
    }

    @Property(tries = 250)
    void nextAfterIsStrictlyLater(@ForAll("cases") Case c) {
        c.schedule().nextAfter(c.after()).ifPresent(next -> assertThat(next).isAfter(c.after()));
    }

    @Property(tries = 250)
    void latestDueIsEmptyExactlyWhenNoTickFallsInTheWindow(@ForAll("cases") Case c) {
        Optional<Instant> next = c.schedule().nextAfter(c.after());
        Optional<Instant> due = c.schedule().latestDue(c.after(), c.now());
        boolean nothingInWindow = next.isEmpty() || next.get().isAfter(c.now());
        assertThat(due.isEmpty()).isEqualTo(nothingInWindow);
    }

    @Property(tries = 250)
    void latestDueIsTheLastTickInTheWindow(@ForAll("cases") Case c) {
        c.schedule().latestDue(c.after(), c.now()).ifPresent(due -> {
            assertThat(due).isAfter(c.after()).isBeforeOrEqualTo(c.now());
            assertThat(due).isAfterOrEqualTo(c.schedule().nextAfter(c.after()).orElseThrow());
            c.schedule().nextAfter(due).ifPresent(following -> assertThat(following).isAfter(c.now()));
        });
    }

    @Property(tries = 250)
    void theNextTickIsDueTheMomentItComes(@ForAll("cases") Case c) {
        c.schedule().nextAfter(c.after()).ifPresent(next -> {
            assertThat(c.schedule().latestDue(c.after(), next)).contains(next);
            assertThat(c.schedule().latestDue(c.after(), next.minusNanos(1))).isEmpty();
        });
    }

    @Property(tries = 200)
    void cronUtilsBackwardSearchAndOurOwnAgree(@ForAll("cronCases") Case c) {
        CronSchedule cron = (CronSchedule) c.schedule();
        assertThat(cron.latestDue(c.after(), c.now(), false)).isEqualTo(cron.latestDue(c.after(), c.now(), true));
    }

    @Provide
    Arbitrary<Case> cases() {
        return cases(Arbitraries.frequencyOf(Tuple.of(3, crons()), Tuple.of(1, rates())));
    }

    @Provide
    Arbitrary<Case> cronCases() {
        return cases(crons());
    }

    private Arbitrary<Case> cases(Arbitrary<ScheduleExpression> schedules) {
        return Combinators.combine(schedules, instants(), gaps()).as((schedule, after, gap) ->
                new Case(schedule, after.apply(schedule), after.apply(schedule).plusSeconds(gap)));
    }

    private Arbitrary<ScheduleExpression> crons() {
        return Combinators.combine(
                Arbitraries.of(MINUTES), Arbitraries.of(HOURS), Arbitraries.of(DAYS),
                Arbitraries.of(MONTHS), Arbitraries.of(YEARS), Arbitraries.of(ZONES))
                .as((minutes, hours, days, months, years, zone) -> {
                    String[] dayFields = days.split(" ");
                    String expression = "cron(" + String.join(" ", minutes, hours, dayFields[0], months, dayFields[1], years) + ")";
                    return PARSED.computeIfAbsent(expression + " " + zone, k -> ScheduleExpression.parse(expression, zone, null));
                });
    }

    private Arbitrary<ScheduleExpression> rates() {
        return Combinators.combine(
                Arbitraries.of(1, 1, 2, 5, 7, 15, 60, 90, 1000, 100000),
                Arbitraries.of("minute", "hour", "day"),
                Arbitraries.longs().between(FIRST, LAST))
                .as((value, unit, anchor) -> ScheduleExpression.parse(
                        "rate(" + value + " " + unit + (value == 1 ? "" : "s") + ")", null, Instant.ofEpochSecond(anchor)));
    }

    /** An instant, half the time within a few hours of one of the schedule's zone's transitions. */
    private Arbitrary<java.util.function.Function<ScheduleExpression, Instant>> instants() {
        return Combinators.combine(
                Arbitraries.longs().between(FIRST, LAST),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(-3 * 3600, 3 * 3600),
                Arbitraries.integers().between(0, 999_999_999))
                .as((epochSecond, nearTransition, jitter, nanos) -> schedule -> {
                    Instant instant = Instant.ofEpochSecond(epochSecond);
                    if (nearTransition && schedule instanceof CronSchedule cron) {
                        ZoneOffsetTransition transition = cron.zone().getRules().nextTransition(instant);
                        if (transition != null) {
                            // on the minute half the time, so ticks are hit exactly
                            return transition.getInstant().plusSeconds(jitter - (nanos % 2 == 0 ? jitter % 60 : 0));
                        }
                    }
                    return nanos % 3 == 0 ? instant.plusNanos(nanos) : instant;
                });
    }

    /** now - after in seconds: mostly hours, sometimes months or decades, occasionally negative. */
    private Arbitrary<Long> gaps() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 3 * 3600)),
                Tuple.of(3, Arbitraries.longs().between(0, Duration.ofDays(60).toSeconds())),
                Tuple.of(2, Arbitraries.longs().between(0, Duration.ofDays(100 * 366).toSeconds())),
                Tuple.of(1, Arbitraries.longs().between(-3600, 0)));
    }

    static {
        ZONES.forEach(ZoneId::of); // fail fast on a typo
    }
}
