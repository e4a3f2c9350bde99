package io.longshore.events.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers to write schedule tests in wall-clock terms. */
final class Ticks {
    private Ticks() {
    }

    static Instant utc(String text) {
        return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    /** An instant written with its offset, e.g. "2024-11-03T01:30-05:00" (the second 01:30 in New York). */
    static Instant offset(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    /** The next {@code n} ticks after {@code from}, as offset date-times in the zone (fewer if the schedule ends). */
    static List<String> next(ScheduleExpression schedule, Instant from, String zone, int n) {
        List<String> ticks = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < n; i++) {
            Optional<Instant> tick = schedule.nextAfter(at);
            if (tick.isEmpty()) {
                break;
            }
            at = tick.get();
            ticks.add(inZone(at, zone));
        }
        return ticks;
    }

    /** The next {@code n} ticks' dates (yyyy-mm-dd) in the zone. */
    static List<String> nextDates(ScheduleExpression schedule, Instant from, String zone, int n) {
        return next(schedule, from, zone, n).stream().map(t -> t.substring(0, 10)).toList();
    }

    static String inZone(Instant instant, String zone) {
        return OffsetDateTime.ofInstant(instant, ZoneId.of(zone)).toString();
    }

    static ScheduleExpression cron(String fields) {
        return ScheduleExpression.parse("cron(" + fields + ")", null, null);
    }

    static ScheduleExpression cron(String fields, String zone) {
        return ScheduleExpression.parse("cron(" + fields + ")", zone, null);
    }

    static LocalDateTime local(String text) {
        return LocalDateTime.parse(text);
    }
}
