package io.longshore.events.input;

import java.time.Instant;
import java.util.Objects;

/** Values of EventBridge's reserved placeholders. */
public record EventContext(String ruleName, String ruleArn, Instant ingestionTime) {
    public EventContext {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(ruleArn, "ruleArn");
        Objects.requireNonNull(ingestionTime, "ingestionTime");
    }
}
