package io.longshore.scaling;

import java.time.Instant;

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
        throw new UnsupportedOperationException("to be written");
    }
}
