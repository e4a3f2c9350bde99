package io.longshore.loadtest.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/** Per-second counts from a run's start: what the rate charts draw. */
public final class TimeSeries {
    private TimeSeries() {
    }

    /** How many of the moments fall in each whole second from {@code start}, for {@code seconds} seconds. */
    public static long[] perSecond(Collection<Instant> moments, Instant start, int seconds) {
        long[] counts = new long[Math.max(0, seconds)];
        for (Instant m : moments) {
            long s = Duration.between(start, m).toMillis();
            if (s < 0) {
                s = 0; // a server clock a hair behind ours: count it in the first second
            }
            int index = (int) (s / 1000);
            if (index < counts.length) {
                counts[index]++;
            }
        }
        return counts;
    }

    /** Seconds from start to end, rounded up, at least 1. */
    public static int secondsBetween(Instant start, Instant end) {
        long ms = Duration.between(start, end).toMillis();
        return (int) Math.max(1, (ms + 999) / 1000);
    }

    public static long max(long[] values) {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    public static double mean(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return (double) sum / values.length;
    }
}
