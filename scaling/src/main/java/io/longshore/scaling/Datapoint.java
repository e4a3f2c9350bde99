package io.longshore.scaling;

import java.time.Instant;
import java.util.List;

/** The statistics of one closed period of one metric series. */
public record Datapoint(Instant periodStart, double average, double minimum, double maximum, double sum,
                        long sampleCount) {
    public static final String AVERAGE = "Average";
    public static final String MINIMUM = "Minimum";
    public static final String MAXIMUM = "Maximum";
    public static final String SUM = "Sum";
    public static final String SAMPLE_COUNT = "SampleCount";

    /** The value of a CloudWatch statistic by name ({@value #AVERAGE} when null). */
    public double statistic(String statistic) {
        if (statistic == null || AVERAGE.equals(statistic)) {
            return average;
        }
        switch (statistic) {
            case MINIMUM:
                return minimum;
            case MAXIMUM:
                return maximum;
            case SUM:
                return sum;
            case SAMPLE_COUNT:
                return sampleCount;
            default:
                throw new IllegalArgumentException("unknown statistic " + statistic);
        }
    }

    static boolean isStatistic(String statistic) {
        return List.of(AVERAGE, MINIMUM, MAXIMUM, SUM, SAMPLE_COUNT).contains(statistic);
    }
}
