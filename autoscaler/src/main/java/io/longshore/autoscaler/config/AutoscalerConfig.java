package io.longshore.autoscaler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The autoscaler's settings, {@code longshore.autoscaler.*}. */
@ConfigMapping(prefix = "longshore.autoscaler")
public interface AutoscalerConfig {

    /** The length of one metric datapoint, and so the pace of every policy's "N of N datapoints" (AWS: one minute). */
    @WithDefault("60s")
    Duration period();

    /** How long after a period ends samples may still arrive for it before it is closed. */
    @WithDefault("10s")
    Duration lateness();

    /** How many closed periods are kept per series (15 are needed for target tracking's scale-in). */
    @WithDefault("60")
    int retainedPeriods();

    /** How often scalable targets are evaluated and Kafka consumer lag is read (HPA: 15 s). */
    @WithDefault("15s")
    Duration evaluationInterval();
}
