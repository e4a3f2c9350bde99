package io.longshore.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The scheduler's settings, {@code longshore.scheduler.*}. */
@ConfigMapping(prefix = "longshore.scheduler")
public interface SchedulerConfig {

    /** How long an instance's agent may stay disconnected before its tasks are declared lost. */
    @WithDefault("30s")
    Duration lostAgentGrace();

    /** The wait before relaunching after a service's first task that failed to start; doubles after each further one. */
    @WithDefault("10s")
    Duration relaunchBaseDelay();

    /** The cap of that wait. */
    @WithDefault("15m")
    Duration relaunchMaxDelay();

    /** How long before a service event with the same message is written again. */
    @WithDefault("5m")
    Duration eventRepeat();

    /** How often each capacity provider's figures for a cluster are published even when unchanged. */
    @WithDefault("30s")
    Duration clusterCapacityInterval();
}
