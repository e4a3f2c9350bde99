package io.longshore.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Folds raw samples into per-period datapoints per series, periods aligned to the epoch. A period
 * [start, start + period) closes once {@code now >= start + period + lateness}, so samples that
 * arrive a little late still count; a sample for an already closed period is dropped. Keeps the
 * closed datapoints of the last {@code retainedPeriods} periods for {@link #history}. Not thread-safe.
 */
public final class PeriodAggregator {

    public PeriodAggregator(Duration period, Duration lateness, int retainedPeriods) {
        throw new UnsupportedOperationException("to be written");
    }

    public void add(MetricKey key, Instant timestamp, double value) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Closes every period due at {@code now}; returns the datapoints closed by this call, oldest first. */
    public List<ClosedDatapoint> close(Instant now) {
        throw new UnsupportedOperationException("to be written");
    }

    /** The closed datapoints as of the last {@link #close}: the most recent closed period is the one closed last. */
    public MetricHistory history() {
        throw new UnsupportedOperationException("to be written");
    }

    /** Forgets a series (its service was deleted or its target deregistered). */
    public void forget(MetricKey key) {
        throw new UnsupportedOperationException("to be written");
    }

    public record ClosedDatapoint(MetricKey key, Datapoint datapoint) {
    }
}
