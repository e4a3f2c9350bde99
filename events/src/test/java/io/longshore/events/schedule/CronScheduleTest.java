package io.longshore.events.schedule;

import static io.longshore.events.schedule.Ticks.cron;
import static io.longshore.events.schedule.Ticks.next;
import static io.longshore.events.schedule.Ticks.nextDates;
import static io.longshore.events.schedule.Ticks.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** cron(...) in UTC and in a zone without daylight saving; DST has its own test. Calendar: 1 Jan 2024 is a Monday. */
class CronScheduleTest {

    @Test
    void parsesToACronScheduleThatKeepsTheExpressionAsGiven() {
        ScheduleExpression schedule = ScheduleExpression.parse("cron(0 12 * * ? *)", "Europe/Berlin", Instant.EPOCH);
        assertThat(schedule).isInstanceOf(CronSchedule.class);
        assertThat(schedule.expression()).isEqualTo("cron(0 12 * * ? *)");
        assertThat(((CronSchedule) schedule).zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(schedule).isEqualTo(ScheduleExpression.parse("cron(0 12 * * ? *)", "Europe/Berlin", null));
    }

    @Test
    void nullOrBlankTimezoneMeansUtc() {
        assertThat(((CronSchedule) cron("0 12 * * ? *")).zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(((CronSchedule) cron("0 12 * * ? *", "  ")).zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void nextAfterIsStrictlyAfter() {
        ScheduleExpression noon = cron("0 12 * * ? *");
        assertThat(noon.nextAfter(utc("2024-01-01T12:00:00"))).contains(utc("2024-01-02T12:00:00"));
        assertThat(noon.nextAfter(utc("2024-01-01T11:59:59.999999999"))).contains(utc("2024-01-01T12:00:00"));
        assertThat(noon.nextAfter(utc("2024-01-01T12:00:00.000000001"))).contains(utc("2024-01-02T12:00:00"));
    }

    @Test
    void minuteIncrementsListsAndRanges() {
        assertThat(next(cron("0/15 9-10 * * ? *"), utc("2024-01-01T10:20"), "UTC", 4)).containsExactly(
                "2024-01-01T10:30Z", "2024-01-01T10:45Z", "2024-01-02T09:00Z", "2024-01-02T09:15Z");
        // AWS: 1/10 is every tenth minute starting from the first
        assertThat(next(cron("1/10 * * * ? *"), utc("2024-01-01T00:50"), "UTC", 3)).containsExactly(
                "2024-01-01T00:51Z", "2024-01-01T01:01Z", "2024-01-01T01:11Z");
        assertThat(next(cron("*/20 0 * * ? *"), utc("2024-01-01T00:30"), "UTC", 2)).containsExactly(
                "2024-01-01T00:40Z", "2024-01-02T00:00Z");
        assertThat(next(cron("5,10-12 0 * * ? *"), utc("2024-01-01T00:00"), "UTC", 5)).containsExactly(
                "2024-01-01T00:05Z", "2024-01-01T00:10Z", "2024-01-01T00:11Z", "2024-01-01T00:12Z", "2024-01-02T00:05Z");
        assertThat(next(cron("0-20/7 10 * * ? *"), utc("2024-01-01T00:00"), "UTC", 4)).containsExactly(
                "2024-01-01T10:00Z", "2024-01-01T10:07Z", "2024-01-01T10:14Z", "2024-01-02T10:00Z");
    }

    @Test
    void weekdaysAtTwoHours() {
        // Friday noon: Friday 17:00, then Monday
        assertThat(next(cron("0 8,17 ? * MON-FRI *"), utc("2024-01-05T12:00"), "UTC", 3)).containsExactly(
                "2024-01-05T17:00Z", "2024-01-08T08:00Z", "2024-01-08T17:00Z");
    }

    @Test
    void dayOfWeekCountsFromSundayAsOne() {
        assertThat(nextDates(cron("0 10 ? * 1 *"), utc("2024-01-01T00:00"), "UTC", 2))
                .containsExactly("2024-01-07", "2024-01-14");
        assertThat(nextDates(cron("0 10 ? * 7 *"), utc("2024-01-01T00:00"), "UTC", 2))
                .containsExactly("2024-01-06", "2024-01-13");
        assertThat(next(cron("0 10 ? * 2-6 *"), utc("2024-01-01T00:00"), "UTC", 10))
                .isEqualTo(next(cron("0 10 ? * MON-FRI *"), utc("2024-01-01T00:00"), "UTC", 10));
        assertThat(nextDates(cron("0 0 ? * SUN,SAT *"), utc("2024-01-01T00:00"), "UTC", 3))
                .containsExactly("2024-01-06", "2024-01-07", "2024-01-13");
    }

    @Test
    void monthNamesAndNumbersAndCaseInsensitiveNames() {
        assertThat(nextDates(cron("0 0 1 JAN,JUL ? *"), utc("2024-02-01T00:00"), "UTC", 2))
                .containsExactly("2024-07-01", "2025-01-01");
        assertThat(nextDates(cron("0 0 1 1,7 ? *"), utc("2024-02-01T00:00"), "UTC", 2))
                .containsExactly("2024-07-01", "2025-01-01");
        assertThat(nextDates(cron("0 0 1 jan ? *"), utc("2024-02-01T00:00"), "UTC", 1)).containsExactly("2025-01-01");
        assertThat(nextDates(cron("0 0 1 JAN-MAR/2 ? *"), utc("2024-01-15T00:00"), "UTC", 2))
                .containsExactly("2024-03-01", "2025-01-01");
    }

    @Test
    void dayOfMonthIncrements() {
        assertThat(nextDates(cron("0 0 1/10 * ? *"), utc("2024-01-01T00:00"), "UTC", 6)).containsExactly(
                "2024-01-11", "2024-01-21", "2024-01-31", "2024-02-01", "2024-02-11", "2024-02-21");
    }

    @Nested
    class LastDay {
        @Test
        void lInDayOfMonthIsTheLastDayOfTheMonth() {
            assertThat(nextDates(cron("0 0 L * ? *"), utc("2024-01-01T00:00"), "UTC", 4))
                    .containsExactly("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30");
            assertThat(nextDates(cron("0 0 L 2 ? *"), utc("2023-01-01T00:00"), "UTC", 2))
                    .containsExactly("2023-02-28", "2024-02-29");
        }

        @Test
        void lAloneInDayOfWeekIsSaturdayTheLastDayOfTheWeek() {
            assertThat(nextDates(cron("0 0 ? * L *"), utc("2024-01-01T00:00"), "UTC", 2))
                    .containsExactly("2024-01-06", "2024-01-13");
        }

        @Test
        void nLIsTheLastSuchWeekdayOfTheMonth() {
            assertThat(nextDates(cron("15 10 ? * 6L *"), utc("2024-01-01T00:00"), "UTC", 5))
                    .containsExactly("2024-01-26", "2024-02-23", "2024-03-29", "2024-04-26", "2024-05-31");
            assertThat(nextDates(cron("15 10 ? * FRIL *"), utc("2024-01-01T00:00"), "UTC", 5))
                    .isEqualTo(nextDates(cron("15 10 ? * 6L *"), utc("2024-01-01T00:00"), "UTC", 5));
            assertThat(nextDates(cron("0 0 ? * 1L *"), utc("2024-03-01T00:00"), "UTC", 2))
                    .containsExactly("2024-03-31", "2024-04-28");
        }
    }

    @Nested
    class NearestWeekday {
        @Test
        void nWIsTheWeekdayNearestTheNthDay() {
            // 15 June 2024 is a Saturday (→ Friday 14), 15 Sept a Sunday (→ Monday 16), 15 May a Wednesday
            assertThat(nextDates(cron("0 10 15W * ? *"), utc("2024-05-01T00:00"), "UTC", 5))
                    .containsExactly("2024-05-15", "2024-06-14", "2024-07-15", "2024-08-15", "2024-09-16");
        }

        @Test
        void wNeverLeavesTheMonth() {
            // 1 June 2024 is a Saturday: the nearest weekday in June is Monday 3, not Friday 31 May
            assertThat(nextDates(cron("0 10 1W * ? *"), utc("2024-05-31T00:00"), "UTC", 2))
                    .containsExactly("2024-06-03", "2024-07-01");
        }

        @Test
        void lwIsTheLastWeekdayOfTheMonth() {
            // 31 Mar 2024 is a Sunday, 30 Jun a Sunday, 31 Aug a Saturday
            assertThat(nextDates(cron("0 10 LW * ? *"), utc("2024-01-01T00:00"), "UTC", 8)).containsExactly(
                    "2024-01-31", "2024-02-29", "2024-03-29", "2024-04-30",
                    "2024-05-31", "2024-06-28", "2024-07-31", "2024-08-30");
        }

        @Test
        void dayTwentyEightStillWorksAtTheEdgeOfTheAllowedRange() {
            // 28 Jan 2023 is a Saturday, 28 May 2023 a Sunday
            assertThat(nextDates(cron("0 0 28W * ? *"), utc("2023-01-01T00:00"), "UTC", 5))
                    .containsExactly("2023-01-27", "2023-02-28", "2023-03-28", "2023-04-28", "2023-05-29");
        }
    }

    @Nested
    class NthWeekday {
        @Test
        void hashIsTheNthSuchWeekdayOfTheMonth() {
            assertThat(nextDates(cron("0 10 ? * 6#3 *"), utc("2024-01-01T00:00"), "UTC", 3))
                    .containsExactly("2024-01-19", "2024-02-16", "2024-03-15");
            assertThat(nextDates(cron("0 10 ? * FRI#3 *"), utc("2024-01-01T00:00"), "UTC", 3))
                    .containsExactly("2024-01-19", "2024-02-16", "2024-03-15");
        }

        @Test
        void aFifthWeekdaySkipsMonthsWithoutOne() {
            assertThat(nextDates(cron("0 10 ? * 2#5 *"), utc("2024-01-01T00:00"), "UTC", 4))
                    .containsExactly("2024-01-29", "2024-04-29", "2024-07-29", "2024-09-30");
        }
    }

    @Nested
    class Years {
        @Test
        void yearListsRangesAndIncrements() {
            assertThat(nextDates(cron("0 0 1 1 ? 2025,2027"), utc("2024-01-01T00:00"), "UTC", 5))
                    .containsExactly("2025-01-01", "2027-01-01");
            assertThat(nextDates(cron("0 0 1 1 ? 2024-2026"), utc("2023-06-01T00:00"), "UTC", 5))
                    .containsExactly("2024-01-01", "2025-01-01", "2026-01-01");
            assertThat(nextDates(cron("0 0 1 1 ? 2024/3"), utc("2023-06-01T00:00"), "UTC", 3))
                    .containsExactly("2024-01-01", "2027-01-01", "2030-01-01");
            assertThat(nextDates(cron("0 0 1 1 ? 2024-2030/3"), utc("2023-06-01T00:00"), "UTC", 5))
                    .containsExactly("2024-01-01", "2027-01-01", "2030-01-01");
        }

        @Test
        void aCronWhoseYearsEndedIsEmpty() {
            ScheduleExpression schedule = cron("0 12 1 * ? 2024-2025");
            assertThat(schedule.nextAfter(utc("2025-12-01T11:59"))).contains(utc("2025-12-01T12:00"));
            assertThat(schedule.nextAfter(utc("2025-12-01T12:00"))).isEmpty();
            assertThat(schedule.nextAfter(utc("2031-01-01T00:00"))).isEmpty();
            assertThat(schedule.latestDue(utc("2025-06-15T00:00"), utc("2030-01-01T00:00")))
                    .contains(utc("2025-12-01T12:00"));
            assertThat(schedule.latestDue(utc("2025-12-01T12:00"), utc("2030-01-01T00:00"))).isEmpty();
        }

        @Test
        void everyYearEndsIn2199() {
            ScheduleExpression schedule = cron("0 0 1 1 ? *");
            assertThat(schedule.nextAfter(utc("2198-06-01T00:00"))).contains(utc("2199-01-01T00:00"));
            assertThat(schedule.nextAfter(utc("2199-01-01T00:00"))).isEmpty();
            assertThat(schedule.latestDue(utc("2100-01-01T00:00"), utc("2500-01-01T00:00")))
                    .contains(utc("2199-01-01T00:00"));
        }

        @Test
        void nothingBefore1970() {
            ScheduleExpression schedule = cron("0 0 * * ? *");
            assertThat(schedule.nextAfter(utc("1900-01-01T00:00"))).contains(utc("1970-01-01T00:00"));
            assertThat(schedule.latestDue(utc("1900-01-01T00:00"), utc("1969-12-31T23:59"))).isEmpty();
            assertThat(schedule.latestDue(utc("1900-01-01T00:00"), utc("1970-01-01T00:00")))
                    .contains(utc("1970-01-01T00:00"));
        }

        @Test
        void theEndsOfTimeAreHarmless() {
            ScheduleExpression schedule = cron("*/5 * * * ? *", "Pacific/Kiritimati");
            assertThat(schedule.nextAfter(Instant.MAX)).isEmpty();
            // Kiritimati was at -10:40 in 1970 and has been at +14:00 since 1995
            assertThat(schedule.nextAfter(Instant.MIN)).contains(Ticks.offset("1970-01-01T00:00-10:40"));
            assertThat(schedule.latestDue(Instant.MIN, Instant.MAX)).contains(Ticks.offset("2199-12-31T23:55+14:00"));
        }
    }

    @Test
    void survivesCronUtilsThrowingInItsBackwardSearch() {
        // cron-utils' lastExecution throws "Invalid date 'February 29' as '1977' is not a leap year" here
        ScheduleExpression february = cron("* * * 2 ? */7", "Europe/Berlin");
        assertThat(february.latestDue(utc("1977-01-01T00:00"), utc("1980-04-06T01:00:01")))
                .contains(Ticks.offset("1977-02-28T23:59+01:00"));
        assertThat(february.nextAfter(utc("1977-02-28T22:59"))).contains(Ticks.offset("1984-02-01T00:00+01:00"));
    }

    @Test
    void aDateThatNeverExistsNeverFires() {
        ScheduleExpression schedule = cron("0 0 30 2 ? *");
        assertThat(schedule.nextAfter(utc("2024-01-01T00:00"))).isEmpty();
        assertThat(schedule.latestDue(utc("1970-01-01T00:00"), utc("2199-12-31T00:00"))).isEmpty();
    }

    @Test
    void evaluatesInTheGivenZone() {
        // Tokyo is UTC+9 all year: 09:00 there is midnight UTC
        ScheduleExpression schedule = cron("0 9 * * ? *", "Asia/Tokyo");
        assertThat(schedule.nextAfter(utc("2024-07-01T12:00"))).contains(utc("2024-07-02T00:00"));
        // a calendar day in Tokyo starts at 15:00 UTC the day before
        assertThat(nextDates(cron("0 0 1 * ? *", "Asia/Tokyo"), utc("2024-01-31T16:00"), "Asia/Tokyo", 1))
                .containsExactly("2024-03-01");
    }

    @Nested
    class LatestDue {
        private final ScheduleExpression hourly = cron("0 * * * ? *");

        @Test
        void theMostRecentTickInTheWindow() {
            assertThat(hourly.latestDue(utc("2024-01-01T10:00"), utc("2024-01-01T13:30"))).contains(utc("2024-01-01T13:00"));
        }

        @Test
        void includesNowExcludesAfter() {
            assertThat(hourly.latestDue(utc("2024-01-01T10:00"), utc("2024-01-01T11:00"))).contains(utc("2024-01-01T11:00"));
            assertThat(hourly.latestDue(utc("2024-01-01T10:00"), utc("2024-01-01T10:59:59"))).isEmpty();
            assertThat(hourly.latestDue(utc("2024-01-01T09:59:59"), utc("2024-01-01T10:00"))).contains(utc("2024-01-01T10:00"));
        }

        @Test
        void emptyWhenNowIsNotAfterAfter() {
            assertThat(hourly.latestDue(utc("2024-01-01T10:00"), utc("2024-01-01T10:00"))).isEmpty();
            assertThat(hourly.latestDue(utc("2024-01-01T12:00"), utc("2024-01-01T10:00"))).isEmpty();
        }

        @Test
        void findsRareTicksFarBack() {
            ScheduleExpression leapDays = cron("0 0 29 2 ? *");
            assertThat(leapDays.latestDue(utc("1999-01-01T00:00"), utc("2027-06-01T00:00"))).contains(utc("2024-02-29T00:00"));
            assertThat(cron("0 0 ? * 2#5 *").latestDue(utc("2024-01-01T00:00"), utc("2024-09-01T00:00")))
                    .contains(utc("2024-07-29T00:00"));
        }
    }
}
