package io.longshore.events.schedule;

import static io.longshore.events.schedule.Ticks.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateScheduleTest {
    private static final Instant ANCHOR = utc("2024-01-01T00:00:07");

    private static RateSchedule rate(String expression) {
        return (RateSchedule) ScheduleExpression.parse(expression, null, ANCHOR);
    }

    @ParameterizedTest
    @CsvSource({
            "rate(1 minute), 1, MINUTES, PT1M",
            "rate(5 minutes), 5, MINUTES, PT5M",
            "rate(1 hour), 1, HOURS, PT1H",
            "rate(12 hours), 12, HOURS, PT12H",
            "rate(1 day), 1, DAYS, PT24H",
            "rate(7 days), 7, DAYS, PT168H"})
    void parsesValueAndUnit(String expression, long value, ChronoUnit unit, Duration period) {
        RateSchedule schedule = rate(expression);
        assertThat(schedule.value()).isEqualTo(value);
        assertThat(schedule.unit()).isEqualTo(unit);
        assertThat(schedule.period()).isEqualTo(period);
        assertThat(schedule.anchor()).isEqualTo(ANCHOR);
        assertThat(schedule.expression()).isEqualTo(expression);
    }

    @Test
    void ticksAreAnchorPlusWholePeriodsNeverTheAnchorItself() {
        RateSchedule every5 = rate("rate(5 minutes)");
        assertThat(every5.nextAfter(ANCHOR)).contains(utc("2024-01-01T00:05:07"));
        assertThat(every5.nextAfter(utc("2024-01-01T00:05:06.999"))).contains(utc("2024-01-01T00:05:07"));
        assertThat(every5.nextAfter(utc("2024-01-01T00:05:07"))).contains(utc("2024-01-01T00:10:07"));
        assertThat(every5.nextAfter(utc("2024-01-01T00:07:00"))).contains(utc("2024-01-01T00:10:07"));
    }

    @Test
    void beforeTheAnchorTheFirstTickIsOnePeriodAfterIt() {
        assertThat(rate("rate(1 hour)").nextAfter(utc("2020-01-01T00:00:00"))).contains(utc("2024-01-01T01:00:07"));
        assertThat(rate("rate(1 hour)").latestDue(utc("2020-01-01T00:00:00"), utc("2023-12-31T00:00:00"))).isEmpty();
    }

    @Test
    void latestDue() {
        RateSchedule every5 = rate("rate(5 minutes)");
        assertThat(every5.latestDue(ANCHOR, utc("2024-01-01T00:05:06"))).isEmpty();
        assertThat(every5.latestDue(ANCHOR, utc("2024-01-01T00:05:07"))).contains(utc("2024-01-01T00:05:07"));
        assertThat(every5.latestDue(ANCHOR, utc("2024-01-01T01:03:00"))).contains(utc("2024-01-01T01:00:07"));
        assertThat(every5.latestDue(utc("2024-01-01T01:00:07"), utc("2024-01-01T01:05:00"))).isEmpty();
        assertThat(every5.latestDue(utc("2024-01-01T01:05:00"), utc("2024-01-01T01:00:00"))).isEmpty();
    }

    @Test
    void anchorMayCarryNanoseconds() {
        RateSchedule schedule = (RateSchedule) ScheduleExpression.parse("rate(1 minute)", null, utc("2024-01-01T00:00:00.123456789Z"));
        assertThat(schedule.nextAfter(utc("2024-01-01T00:10:00.5Z"))).contains(utc("2024-01-01T00:11:00.123456789Z"));
        assertThat(schedule.latestDue(utc("2024-01-01T00:00:00Z"), utc("2024-01-01T00:10:00.123456789Z")))
                .contains(utc("2024-01-01T00:10:00.123456789Z"));
    }

    @Test
    void ignoresTheZoneButStillRefusesAnUnknownOne() {
        ScheduleExpression inTokyo = ScheduleExpression.parse("rate(1 day)", "Asia/Tokyo", ANCHOR);
        assertThat(inTokyo.nextAfter(ANCHOR)).contains(ANCHOR.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 day)", "Mars/Base", ANCHOR))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("ScheduleExpressionTimezone: unknown time zone 'Mars/Base'");
    }

    @Test
    void requiresAnAnchor() {
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 day)", null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("anchor");
    }

    @Test
    void theLargestValueStillWorks() {
        RateSchedule schedule = rate("rate(2147483647 days)");
        assertThat(schedule.nextAfter(ANCHOR)).contains(ANCHOR.plus(Duration.ofDays(Integer.MAX_VALUE)));
        assertThat(schedule.nextAfter(Instant.MAX)).isEmpty();
    }
}
