package io.longshore.loadtest.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.List;

/**
 * A latency distribution in milliseconds: percentiles by nearest rank (p99 of 100 samples is the
 * 99th smallest), plus the histogram's samples for the report's chart.
 */
public record LatencySummary(long count, long p50, long p90, long p99, long max, double mean,
                             @JsonIgnore long[] sortedMillis) {

    public static LatencySummary of(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, sorted);
        }
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new LatencySummary(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1], mean, sorted);
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the samples at or below it. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
