package io.longshore.events.schedule;

import static io.longshore.events.schedule.Ticks.offset;
import static io.longshore.events.schedule.Ticks.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class AtScheduleTest {

    @Test
    void isAWallClockTimeInTheZone() {
        AtSchedule at = (AtSchedule) ScheduleExpression.parse("at(2025-01-01T09:00:00)", "Europe/Berlin", null);
        assertThat(at.instant()).isEqualTo(offset("2025-01-01T09:00+01:00"));
        assertThat(at.wallTime()).isEqualTo(LocalDateTime.of(2025, 1, 1, 9, 0));
        assertThat(at.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(at.expression()).isEqualTo("at(2025-01-01T09:00:00)");
    }

    @Test
    void defaultsToUtcAndKeepsSeconds() {
        assertThat(((AtSchedule) ScheduleExpression.parse("at(2025-06-30T23:59:30)", null, null)).instant())
                .isEqualTo(utc("2025-06-30T23:59:30"));
    }

    @Test
    void firesOnceWhileItIsStillAhead() {
        ScheduleExpression at = ScheduleExpression.parse("at(2025-07-01T08:00:00)", "America/New_York", null);
        assertThat(at.nextAfter(utc("2025-07-01T11:59:59"))).contains(utc("2025-07-01T12:00:00"));
        assertThat(at.nextAfter(utc("2025-07-01T12:00:00"))).isEmpty();
        assertThat(at.nextAfter(utc("2030-01-01T00:00:00"))).isEmpty();
    }

    @Test
    void latestDueOnlyInsideTheWindow() {
        ScheduleExpression at = ScheduleExpression.parse("at(2025-07-01T08:00:00)", "America/New_York", null);
        assertThat(at.latestDue(utc("2025-07-01T00:00:00"), utc("2025-07-01T11:59:59"))).isEmpty();
        assertThat(at.latestDue(utc("2025-07-01T00:00:00"), utc("2025-07-01T12:00:00"))).contains(utc("2025-07-01T12:00:00"));
        assertThat(at.latestDue(utc("2025-07-01T00:00:00"), utc("2026-01-01T00:00:00"))).contains(utc("2025-07-01T12:00:00"));
        assertThat(at.latestDue(utc("2025-07-01T12:00:00"), utc("2026-01-01T00:00:00"))).isEmpty();
    }

    @Test
    void aPastAtNeverFiresAgain() {
        ScheduleExpression at = ScheduleExpression.parse("at(1999-12-31T23:59:59)", null, null);
        assertThat(at.nextAfter(utc("2024-01-01T00:00:00"))).isEmpty();
        assertThat(at.latestDue(utc("2024-01-01T00:00:00"), utc("2025-01-01T00:00:00"))).isEmpty();
    }
}
