package io.longshore.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.controlplane.domain.DeliveryRetries.GiveUp;
import io.longshore.controlplane.domain.DeliveryRetries.Retry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryRetriesTest {
    static final Instant EVENT = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration BASE = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    static DeliveryRetries.Decision after(int attempts, EventTarget.RetryPolicy policy, Instant now) {
        return DeliveryRetries.afterRunFailed(attempts, policy, EVENT, now, BASE, MAX);
    }

    @Test
    void withoutAPolicyAFailedRunIsNotRepeated() {
        assertThat(after(1, null, EVENT)).isEqualTo(new GiveUp(null));
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCap() {
        EventTarget.RetryPolicy policy = new EventTarget.RetryPolicy(10, null);
        assertThat(after(1, policy, EVENT)).isEqualTo(new Retry(EVENT.plusSeconds(10)));
        assertThat(after(2, policy, EVENT)).isEqualTo(new Retry(EVENT.plusSeconds(20)));
        assertThat(after(4, policy, EVENT)).isEqualTo(new Retry(EVENT.plusSeconds(80)));
        assertThat(after(9, policy, EVENT)).isEqualTo(new Retry(EVENT.plus(MAX)));
    }

    @Test
    void maximumRetryAttemptsCountsRetriesNotTheFirstAttempt() {
        EventTarget.RetryPolicy once = new EventTarget.RetryPolicy(1, null);
        assertThat(after(1, once, EVENT)).isInstanceOf(Retry.class);
        assertThat(after(2, once, EVENT)).isEqualTo(new GiveUp(DeliveryRetries.MAXIMUM_RETRY_ATTEMPTS));
        assertThat(after(1, new EventTarget.RetryPolicy(0, null), EVENT))
                .isEqualTo(new GiveUp(DeliveryRetries.MAXIMUM_RETRY_ATTEMPTS));
    }

    @Test
    void aRetryThatWouldStartPastTheEventsMaximumAgeIsNotMade() {
        EventTarget.RetryPolicy minute = new EventTarget.RetryPolicy(null, 60);
        assertThat(after(1, minute, EVENT.plusSeconds(45))).isEqualTo(new Retry(EVENT.plusSeconds(55)));
        assertThat(after(1, minute, EVENT.plusSeconds(55))).isEqualTo(new GiveUp(DeliveryRetries.MAXIMUM_EVENT_AGE));
    }

    @Test
    void omittedMembersTakeEventBridgesDefaults() {
        EventTarget.RetryPolicy defaults = new EventTarget.RetryPolicy(null, null);
        assertThat(defaults.retryAttempts()).isEqualTo(185);
        assertThat(defaults.eventAgeSeconds()).isEqualTo(86_400);
        assertThat(after(185, defaults, EVENT)).isInstanceOf(Retry.class);
        assertThat(after(186, defaults, EVENT)).isEqualTo(new GiveUp(DeliveryRetries.MAXIMUM_RETRY_ATTEMPTS));
    }
}
