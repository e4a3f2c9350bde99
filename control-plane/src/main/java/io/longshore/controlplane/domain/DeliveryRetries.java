package io.longshore.controlplane.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a failed delivery of an event to a target is tried again, and when. Pure.
 *
 * <p>A delivery fails for good when its task cannot even be asked for (the input does not make valid
 * overrides, the cluster or task definition does not exist: EventBridge does not retry a missing
 * resource either). A started task that fails (non-zero exit, cannot be placed, cannot pull) is run again
 * only when the target has a RetryPolicy, with exponential back-off, while attempts and the event's
 * age allow.
 */
public final class DeliveryRetries {
    public static final String MAXIMUM_RETRY_ATTEMPTS = "MaximumRetryAttempts";
    public static final String MAXIMUM_EVENT_AGE = "MaximumEventAgeInSeconds";

    private DeliveryRetries() {
    }

    public sealed interface Decision permits Retry, GiveUp {
    }

    public record Retry(Instant at) implements Decision {
    }

    /** @param exhaustedRetryCondition which limit ended the retries; null when there was nothing to retry */
    public record GiveUp(String exhaustedRetryCondition) implements Decision {
    }

    /**
     * After a started task failed.
     *
     * @param attemptsMade how many attempts there have been, the failed one included
     */
    public static Decision afterRunFailed(int attemptsMade, EventTarget.RetryPolicy policy, Instant ingestedAt,
                                          Instant now, Duration backoff, Duration maxBackoff) {
        if (policy == null) {
            return new GiveUp(null);
        }
        int retriesMade = attemptsMade - 1;
        if (retriesMade >= policy.retryAttempts()) {
            return new GiveUp(MAXIMUM_RETRY_ATTEMPTS);
        }
        Duration delay = backoff.multipliedBy(1L << Math.min(retriesMade, 20));
        Instant at = now.plus(delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay);
        if (at.isAfter(ingestedAt.plusSeconds(policy.eventAgeSeconds()))) {
            return new GiveUp(MAXIMUM_EVENT_AGE);
        }
        return new Retry(at);
    }
}
