package io.longshore.autoscaler.config;

import io.longshore.scaling.PeriodAggregator;
import io.longshore.scaling.ScalingEvaluator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the framework-free scaling rules into CDI. */
public class AutoscalerBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ScalingEvaluator scalingEvaluator(Clock clock) {
        return new ScalingEvaluator(clock);
    }

    @Produces
    @Singleton
    PeriodAggregator periodAggregator(AutoscalerConfig config) {
        return new PeriodAggregator(config.period(), config.lateness(), config.retainedPeriods());
    }
}
