package io.longshore.events.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Set;

/**
 * Wall-clock times in a zone and the instants they fire at: the one place where Longshore's
 * daylight-saving policy lives.
 *
 * <ul>
 *   <li>A wall-clock time in a spring-forward gap (02:30 on a night that jumps from 02:00 to 03:00)
 *       fires at the first instant after the gap: the transition itself, 03:00 local.</li>
 *   <li>A wall-clock time in a fall-back overlap (01:30 on a night that goes 01:59 → 01:00) fires
 *       once, at its first occurrence (the earlier offset).</li>
 * </ul>
 * This mapping never goes backwards: a later wall-clock time never fires earlier, which is what lets
 * {@link CronSchedule} search wall-clock ticks and still answer in instants.
 */
final class WallClock {
    // Zone ids are IANA region ids; ZoneId.of would also take "+02:00" or "GMT+2", which AWS does not.
    private static final Set<String> REGION_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    private WallClock() {
    }

    /** The zone named by ScheduleExpressionTimezone; null or blank means UTC. */
    static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        if (!REGION_IDS.contains(timezone)) {
            throw InvalidScheduleException.timezone("unknown time zone '" + timezone + "'");
        }
        return ZoneId.of(timezone);
    }

    /** The instant a tick scheduled at wall-clock {@code local} fires (see the class comment). */
    static Instant fireInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return local.toInstant(rules.getOffset(local));
        }
        if (transition.isGap()) {
            return transition.getInstant();
        }
        return local.toInstant(transition.getOffsetBefore()); // overlap: the earlier of the two
    }

    /**
     * The earliest wall-clock time whose tick fires strictly after {@code instant}: every wall-clock
     * time before it fires at or before {@code instant}. Usually the wall-clock reading of
     * {@code instant} plus a nanosecond; during the second pass through a fall-back overlap it is
     * the end of the overlap, since the overlap's times all fired during the first pass.
     */
    static LocalDateTime firstWallTimeFiringAfter(Instant instant, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition != null && transition.isOverlap()
                && rules.getOffset(instant).equals(transition.getOffsetAfter())) {
            return transition.getDateTimeBefore();
        }
        return local.plusNanos(1);
    }
}
