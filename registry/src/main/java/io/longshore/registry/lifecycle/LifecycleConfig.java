package io.longshore.registry.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lifecycle policy evaluation, {@code longshore.registry.lifecycle.*}. */
@ConfigMapping(prefix = "longshore.registry.lifecycle")
public interface LifecycleConfig {

    /**
     * How often every stored policy is applied (the scheduler reads it as
     * {@code ${longshore.registry.lifecycle.interval}}).
     */
    @WithDefault("1h")
    Duration interval();

    /** How long after start the first run waits ({@code ${longshore.registry.lifecycle.initial-delay}}). */
    @WithDefault("1m")
    Duration initialDelay();
}
