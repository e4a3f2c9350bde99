package io.longshore.common.events;

import java.time.Instant;

/**
 * A delivery of an event to a rule's target that did not succeed, on
 * {@code longshore.events-dead-letter}, with what EventBridge attaches to its dead-letter messages.
 *
 * @param attempts                how many times the target was tried
 * @param errorCode               why the last attempt failed (e.g. {@code TaskFailed}, {@code ClusterNotFoundException})
 * @param errorMessage            the failure in words (a stopped task's reason and exit code)
 * @param exhaustedRetryCondition {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}; null when the
 *                                failure is not one a retry can fix
 */
public record EventDeadLetter(int schemaVersion, String eventBusName, String ruleArn, String targetId,
                              String targetArn, EventEnvelope event, int attempts, String errorCode,
                              String errorMessage, String exhaustedRetryCondition, Instant deadLetteredAt) {
    public static final int SCHEMA_VERSION = 1;

    public EventDeadLetter(String eventBusName, String ruleArn, String targetId, String targetArn,
                           EventEnvelope event, int attempts, String errorCode, String errorMessage,
                           String exhaustedRetryCondition, Instant deadLetteredAt) {
        this(SCHEMA_VERSION, eventBusName, ruleArn, targetId, targetArn, event, attempts, errorCode, errorMessage,
                exhaustedRetryCondition, deadLetteredAt);
    }

    public String key() {
        return eventBusName + "/" + event.id();
    }
}
