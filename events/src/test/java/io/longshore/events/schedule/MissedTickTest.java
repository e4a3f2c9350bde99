package io.longshore.events.schedule;

import static io.longshore.events.schedule.Ticks.offset;
import static io.longshore.events.schedule.Ticks.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A firer that was down owes one tick: the most recent one missed. It then records that tick as
 * fired, and nothing more is due until the next tick comes round.
 */
class MissedTickTest {

    @Test
    void aRateAfterAYearsLongOutageOwesOnlyTheMostRecentTick() {
        ScheduleExpression everyMinute = ScheduleExpression.parse("rate(1 minute)", null, utc("2020-01-01T00:00:30"));
        Instant lastFired = utc("2020-06-01T00:00:30");
        Instant now = utc("2023-06-01T12:34:56");

        Optional<Instant> owed = everyMinute.latestDue(lastFired, now);
        assertThat(owed).contains(utc("2023-06-01T12:34:30"));

        // fired it: nothing more until 12:35:30
        assertThat(everyMinute.latestDue(owed.get(), now)).isEmpty();
        assertThat(everyMinute.latestDue(owed.get(), utc("2023-06-01T12:35:29"))).isEmpty();
        assertThat(everyMinute.latestDue(owed.get(), utc("2023-06-01T12:35:30"))).contains(utc("2023-06-01T12:35:30"));
        assertThat(everyMinute.nextAfter(owed.get())).contains(utc("2023-06-01T12:35:30"));
    }

    @Test
    void anEveryMinuteCronAfterDecadesDownIsAnsweredWithoutSteppingTickByTick() {
        ScheduleExpression everyMinute = Ticks.cron("* * * * ? *", "Europe/Berlin");
        Instant lastFired = utc("1975-01-01T00:00");
        Instant now = offset("2150-05-05T05:05:30+02:00");

        Optional<Instant> owed = assertTimeout(Duration.ofSeconds(2), () -> everyMinute.latestDue(lastFired, now));
        assertThat(owed).contains(offset("2150-05-05T05:05+02:00"));
        // the fallback search, without cron-utils' lastExecution, is just as quick
        assertThat(assertTimeout(Duration.ofSeconds(2), () -> ((CronSchedule) everyMinute).latestDue(lastFired, now, false)))
                .isEqualTo(owed);
        assertThat(everyMinute.latestDue(owed.get(), now)).isEmpty();
        assertThat(everyMinute.latestDue(owed.get(), offset("2150-05-05T05:06+02:00"))).contains(offset("2150-05-05T05:06+02:00"));
    }

    @Test
    void aWeekdayCronOverAWeekendAndASpringForward() {
        ScheduleExpression weekdays = Ticks.cron("0 9 ? * MON-FRI *", "America/New_York");
        Instant lastFired = offset("2024-03-08T09:00-05:00");           // Friday
        assertThat(weekdays.latestDue(lastFired, offset("2024-03-11T08:00-04:00"))).isEmpty(); // Monday, before 09:00
        assertThat(weekdays.latestDue(lastFired, offset("2024-03-11T09:30-04:00"))).contains(offset("2024-03-11T09:00-04:00"));
        // down from Friday to Thursday: only Thursday's run is owed
        assertThat(weekdays.latestDue(lastFired, offset("2024-03-14T10:00-04:00"))).contains(offset("2024-03-14T09:00-04:00"));
    }

    @Test
    void aCronWhoseYearsEndedOwesItsLastTickOnceThenNothing() {
        ScheduleExpression schedule = Ticks.cron("0 0 1 * ? 2020-2021");
        Optional<Instant> owed = schedule.latestDue(utc("2019-01-01T00:00"), utc("2030-01-01T00:00"));
        assertThat(owed).contains(utc("2021-12-01T00:00"));
        assertThat(schedule.latestDue(owed.get(), utc("2199-01-01T00:00"))).isEmpty();
        assertThat(schedule.nextAfter(owed.get())).isEmpty();
    }

    @Test
    void aFirerThatChecksIrregularlyFiresEachTickAtMostOnceAndNeverGoesBack() {
        ScheduleExpression schedule = Ticks.cron("0/20 * * * ? *", "America/New_York");
        Instant lastFired = offset("2024-11-02T22:00-04:00");
        List<Instant> fired = new ArrayList<>();
        // wake-ups around the fall-back night, some frequent, some after long gaps
        long[] minutesBetweenChecks = {7, 7, 7, 61, 3, 45, 120, 1, 1, 19, 21, 200, 5};
        Instant now = lastFired;
        for (long minutes : minutesBetweenChecks) {
            now = now.plus(Duration.ofMinutes(minutes));
            Optional<Instant> due = schedule.latestDue(lastFired, now);
            if (due.isPresent()) {
                assertThat(due.get()).isAfter(lastFired).isBeforeOrEqualTo(now);
                assertThat(schedule.nextAfter(due.get()).orElseThrow()).isAfter(now);
                fired.add(due.get());
                lastFired = due.get();
            }
        }
        assertThat(fired).isSorted().doesNotHaveDuplicates().isNotEmpty();
    }
}
