package io.longshore.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds raw samples into per-period datapoints per series, periods aligned to the epoch. A period
 * [start, start + period) closes once {@code now >= start + period + lateness}, so samples that
 * arrive a little late still count; a sample for an already closed period is dropped. Keeps the
 * closed datapoints of the last {@code retainedPeriods} periods for {@link #history}. Not thread-safe.
 */
public final class PeriodAggregator {
    private final long periodMillis;
    private final Duration lateness;
    private final int retainedPeriods;
    private final Map<MetricKey, TreeMap<Instant, Accumulator>> open = new HashMap<>();
    private final Map<MetricKey, TreeMap<Instant, Datapoint>> closed = new HashMap<>();
    /** Periods starting before it are closed; null until the first {@link #close}. */
    private Instant closedUntil;

    public PeriodAggregator(Duration period, Duration lateness, int retainedPeriods) {
        if (period.toMillis() <= 0 || lateness.isNegative() || retainedPeriods < 1) {
            throw new IllegalArgumentException("period must be positive, lateness not negative, retainedPeriods >= 1");
        }
        this.periodMillis = period.toMillis();
        this.lateness = lateness;
        this.retainedPeriods = retainedPeriods;
    }

    public void add(MetricKey key, Instant timestamp, double value) {
        Instant start = periodStart(timestamp);
        if (!Double.isFinite(value) || (closedUntil != null && start.isBefore(closedUntil))) {
            return;
        }
        open.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(start, s -> new Accumulator()).add(value);
    }

    /** Closes every period due at {@code now}; returns the datapoints closed by this call, oldest first. */
    public List<ClosedDatapoint> close(Instant now) {
        Instant until = periodStart(now.minus(lateness));
        if (closedUntil != null && !until.isAfter(closedUntil)) {
            return List.of();
        }
        closedUntil = until;
        List<ClosedDatapoint> result = new ArrayList<>();
        open.entrySet().removeIf(series -> {
            Map<Instant, Accumulator> due = series.getValue().headMap(until);
            due.forEach((start, acc) -> {
                Datapoint datapoint = acc.datapoint(start);
                closed.computeIfAbsent(series.getKey(), k -> new TreeMap<>()).put(start, datapoint);
                result.add(new ClosedDatapoint(series.getKey(), datapoint));
            });
            due.clear();
            return series.getValue().isEmpty();
        });
        Instant oldestKept = until.minusMillis(periodMillis * retainedPeriods);
        closed.values().removeIf(series -> {
            series.headMap(oldestKept).clear();
            return series.isEmpty();
        });
        result.sort(Comparator.comparing((ClosedDatapoint c) -> c.datapoint().periodStart()));
        return result;
    }

    /** The closed datapoints as of the last {@link #close}: the most recent closed period is the one closed last. */
    public MetricHistory history() {
        return (key, count) -> {
            List<Datapoint> recent = new ArrayList<>(count);
            TreeMap<Instant, Datapoint> series = closed.getOrDefault(key, new TreeMap<>());
            for (int back = count; back >= 1; back--) {
                recent.add(closedUntil == null ? null : series.get(closedUntil.minusMillis(periodMillis * back)));
            }
            return recent;
        };
    }

    /** Forgets a series (its service was deleted or its target deregistered). */
    public void forget(MetricKey key) {
        open.remove(key);
        closed.remove(key);
    }

    private Instant periodStart(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), periodMillis) * periodMillis);
    }

    public record ClosedDatapoint(MetricKey key, Datapoint datapoint) {
    }

    private static final class Accumulator {
        private double sum;
        private double minimum = Double.POSITIVE_INFINITY;
        private double maximum = Double.NEGATIVE_INFINITY;
        private long count;

        void add(double value) {
            sum += value;
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
            count++;
        }

        Datapoint datapoint(Instant start) {
            return new Datapoint(start, sum / count, minimum, maximum, sum, count);
        }
    }
}
