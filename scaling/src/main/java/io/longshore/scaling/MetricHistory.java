package io.longshore.scaling;

import java.util.List;

/** Where the evaluator reads a series' closed datapoints. */
public interface MetricHistory {
    /**
     * The datapoints of the {@code count} most recent closed periods (the last closed one last), one
     * entry per period, {@code null} for a period without data. Always {@code count} entries.
     */
    List<Datapoint> recent(MetricKey key, int count);
}
