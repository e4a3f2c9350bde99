package io.longshore.events.schedule;

import static io.longshore.events.schedule.Ticks.cron;
import static io.longshore.events.schedule.Ticks.next;
import static io.longshore.events.schedule.Ticks.offset;
import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ticks are wall-clock times. Spring forward: a time in the gap fires once, at the end of the gap.
 * Fall back: a time in the overlap fires once, at its first occurrence.
 * 2024: New York jumps 02:00 EST → 03:00 EDT on 10 March and falls 02:00 EDT → 01:00 EST on 3 November;
 * Berlin jumps 02:00 CET → 03:00 CEST on 31 March and falls 03:00 CEST → 02:00 CET on 27 October.
 */
class DaylightSavingTest {
    private static final String NEW_YORK = "America/New_York";
    private static final String BERLIN = "Europe/Berlin";

    @Nested
    class NewYorkSpringForward {
        private final ScheduleExpression daily0230 = cron("30 2 * * ? *", NEW_YORK);

        @Test
        void aDailyTimeInTheGapFiresOnceAtTheEndOfTheGap() {
            assertThat(next(daily0230, offset("2024-03-09T12:00-05:00"), NEW_YORK, 3)).containsExactly(
                    "2024-03-10T03:00-04:00",
                    "2024-03-11T02:30-04:00", "2024-03-12T02:30-04:00");
        }

        @Test
        void latestDueAgreesWithNextAfterAcrossTheGap() {
            assertThat(daily0230.latestDue(offset("2024-03-09T12:00-05:00"), offset("2024-03-10T03:00-04:00")))
                    .contains(offset("2024-03-10T03:00-04:00"));
            assertThat(daily0230.latestDue(offset("2024-03-09T12:00-05:00"), offset("2024-03-10T01:59:59-05:00")))
                    .isEmpty();
            assertThat(daily0230.latestDue(offset("2024-03-10T03:00-04:00"), offset("2024-03-11T02:29-04:00")))
                    .isEmpty();
        }

        @Test
        void ticksInsideTheGapCollapseIntoOneWithTheTickThatEndsIt() {
            // 02:00 and 02:30 do not exist; they fire with 03:00, once
            ScheduleExpression halfHourly = cron("0/30 * * * ? *", NEW_YORK);
            assertThat(next(halfHourly, offset("2024-03-10T01:10-05:00"), NEW_YORK, 3)).containsExactly(
                    "2024-03-10T01:30-05:00", "2024-03-10T03:00-04:00", "2024-03-10T03:30-04:00");
            assertThat(halfHourly.latestDue(offset("2024-03-10T01:30-05:00"), offset("2024-03-10T03:10-04:00")))
                    .contains(offset("2024-03-10T03:00-04:00"));
        }
    }

    @Nested
    class NewYorkFallBack {
        private final ScheduleExpression daily0130 = cron("30 1 * * ? *", NEW_YORK);

        @Test
        void aDailyTimeInTheOverlapFiresOnceAtItsFirstOccurrence() {
            assertThat(next(daily0130, offset("2024-11-02T12:00-04:00"), NEW_YORK, 2)).containsExactly(
                    "2024-11-03T01:30-04:00", "2024-11-04T01:30-05:00");
        }

        @Test
        void theSecondOccurrenceIsNeverDue() {
            assertThat(daily0130.latestDue(offset("2024-11-03T01:30-04:00"), offset("2024-11-03T12:00-05:00"))).isEmpty();
            assertThat(daily0130.latestDue(offset("2024-11-02T12:00-04:00"), offset("2024-11-03T01:45-05:00")))
                    .contains(offset("2024-11-03T01:30-04:00"));
            assertThat(daily0130.nextAfter(offset("2024-11-03T01:10-05:00"))).contains(offset("2024-11-04T01:30-05:00"));
        }

        @Test
        void anHourlyCronDoesNotFireDuringTheRepeatedHour() {
            ScheduleExpression hourly = cron("0 * * * ? *", NEW_YORK);
            assertThat(next(hourly, offset("2024-11-03T00:30-04:00"), NEW_YORK, 3)).containsExactly(
                    "2024-11-03T01:00-04:00", "2024-11-03T02:00-05:00", "2024-11-03T03:00-05:00");
        }

        @Test
        void fromInsideTheSecondPassTheNextTickIsAfterTheOverlap() {
            ScheduleExpression halfHourly = cron("0/30 * * * ? *", NEW_YORK);
            assertThat(next(halfHourly, offset("2024-11-03T00:10-04:00"), NEW_YORK, 4)).containsExactly(
                    "2024-11-03T00:30-04:00", "2024-11-03T01:00-04:00", "2024-11-03T01:30-04:00", "2024-11-03T02:00-05:00");
            assertThat(halfHourly.nextAfter(offset("2024-11-03T01:10-05:00"))).contains(offset("2024-11-03T02:00-05:00"));
            assertThat(halfHourly.nextAfter(offset("2024-11-03T01:00-05:00"))).contains(offset("2024-11-03T02:00-05:00"));
            assertThat(halfHourly.latestDue(offset("2024-11-03T00:00-04:00"), offset("2024-11-03T01:10-05:00")))
                    .contains(offset("2024-11-03T01:30-04:00"));
            assertThat(halfHourly.latestDue(offset("2024-11-03T01:30-04:00"), offset("2024-11-03T01:59-05:00"))).isEmpty();
            assertThat(halfHourly.latestDue(offset("2024-11-03T01:30-04:00"), offset("2024-11-03T02:00-05:00")))
                    .contains(offset("2024-11-03T02:00-05:00"));
        }
    }

    @Nested
    class BerlinSpringForward {
        @Test
        void aDailyTimeInTheGapFiresAtThreeLocal() {
            ScheduleExpression daily0230 = cron("30 2 * * ? *", BERLIN);
            assertThat(next(daily0230, offset("2024-03-30T12:00+01:00"), BERLIN, 2)).containsExactly(
                    "2024-03-31T03:00+02:00", "2024-04-01T02:30+02:00");
            assertThat(daily0230.latestDue(offset("2024-03-30T12:00+01:00"), offset("2024-03-31T09:00+02:00")))
                    .contains(offset("2024-03-31T03:00+02:00"));
        }

        @Test
        void quarterHoursInTheGapFireOnce() {
            ScheduleExpression quarterly = cron("0/15 2-3 * * ? *", BERLIN);
            assertThat(next(quarterly, offset("2024-03-31T00:00+01:00"), BERLIN, 3)).containsExactly(
                    "2024-03-31T03:00+02:00", "2024-03-31T03:15+02:00", "2024-03-31T03:30+02:00");
        }
    }

    @Nested
    class BerlinFallBack {
        @Test
        void aDailyTimeInTheOverlapFiresOnceAtItsFirstOccurrence() {
            ScheduleExpression daily0230 = cron("30 2 * * ? *", BERLIN);
            assertThat(next(daily0230, offset("2024-10-26T12:00+02:00"), BERLIN, 2)).containsExactly(
                    "2024-10-27T02:30+02:00", "2024-10-28T02:30+01:00");
            assertThat(daily0230.latestDue(offset("2024-10-27T02:30+02:00"), offset("2024-10-27T02:59+01:00"))).isEmpty();
        }

        @Test
        void halfHoursSkipTheSecondPass() {
            ScheduleExpression halfHourly = cron("0/30 * * * ? *", BERLIN);
            assertThat(next(halfHourly, offset("2024-10-27T01:40+02:00"), BERLIN, 3)).containsExactly(
                    "2024-10-27T02:00+02:00", "2024-10-27T02:30+02:00", "2024-10-27T03:00+01:00");
        }
    }

    @Test
    void atTimesInTheGapAndTheOverlap() {
        assertThat(ScheduleExpression.parse("at(2024-03-10T02:30:00)", NEW_YORK, null).nextAfter(offset("2024-03-01T00:00Z")))
                .contains(offset("2024-03-10T03:00-04:00"));
        assertThat(ScheduleExpression.parse("at(2024-11-03T01:30:00)", NEW_YORK, null).nextAfter(offset("2024-11-01T00:00Z")))
                .contains(offset("2024-11-03T01:30-04:00"));
        assertThat(ScheduleExpression.parse("at(2024-03-31T02:15:00)", BERLIN, null).nextAfter(offset("2024-03-01T00:00Z")))
                .contains(offset("2024-03-31T03:00+02:00"));
        assertThat(ScheduleExpression.parse("at(2024-10-27T02:15:00)", BERLIN, null).nextAfter(offset("2024-10-01T00:00Z")))
                .contains(offset("2024-10-27T02:15+02:00"));
    }

    @Test
    void ratesIgnoreDaylightSavingADayIs24Hours() {
        ScheduleExpression daily = ScheduleExpression.parse("rate(1 day)", NEW_YORK, offset("2024-03-09T12:00-05:00"));
        assertThat(next(daily, offset("2024-03-09T12:00-05:00"), NEW_YORK, 2)).containsExactly(
                "2024-03-10T13:00-04:00", "2024-03-11T13:00-04:00");
    }

    /**
     * What cron-utils 9.2.1 does on its own with a zoned start, and why CronSchedule evaluates in UTC
     * and maps wall-clock ticks itself. If an upgrade changes this, the workaround may be removable.
     */
    @Nested
    class CronUtilsOnItsOwn {
        private final CronParser quartz = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
        private final ZoneId newYork = ZoneId.of(NEW_YORK);

        private ZonedDateTime nextExecution(String cron, ZonedDateTime from) {
            return ExecutionTime.forCron(quartz.parse(cron)).nextExecution(from).orElseThrow();
        }

        @Test
        void skipsATimeInTheSpringForwardGap() {
            ZonedDateTime next = nextExecution("0 30 2 * * ? *", ZonedDateTime.of(2024, 3, 9, 12, 0, 0, 0, newYork));
            assertThat(next.toLocalDate()).hasToString("2024-03-11");
        }

        @Test
        void firesAnHourlyCronTwiceInTheFallBackOverlap() {
            ZonedDateTime first = nextExecution("0 0 * * * ? *", ZonedDateTime.of(2024, 11, 3, 0, 30, 0, 0, newYork));
            ZonedDateTime second = nextExecution("0 0 * * * ? *", first);
            assertThat(first.toOffsetDateTime()).hasToString("2024-11-03T01:00-04:00");
            assertThat(second.toOffsetDateTime()).hasToString("2024-11-03T01:00-05:00");
        }

        @Test
        void findsADailyOverlapTimeTwiceGoingBackward() {
            ExecutionTime daily = ExecutionTime.forCron(quartz.parse("0 30 1 * * ? *"));
            ZonedDateTime last = daily.lastExecution(ZonedDateTime.of(2024, 11, 4, 0, 0, 0, 0, newYork)).orElseThrow();
            ZonedDateTime before = daily.lastExecution(last).orElseThrow();
            assertThat(last.toOffsetDateTime()).hasToString("2024-11-03T01:30-05:00");
            assertThat(before.toOffsetDateTime()).hasToString("2024-11-03T01:30-04:00");
        }
    }
}
