package io.longshore.registry.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The registry's clock in tests that move time: the system clock plus an offset the test sets.
 * Enabled only by {@link LifecycleTestProfile}; every bean that injects {@link Clock} sees it
 * (push times, blob link times, lifecycle evaluation, garbage collection's cutoff).
 */
@Alternative
@ApplicationScoped
public class MutableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock reads the real time plus {@code offset} (negative: the past). */
    public void setOffset(Duration offset) {
        this.offset = offset;
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
