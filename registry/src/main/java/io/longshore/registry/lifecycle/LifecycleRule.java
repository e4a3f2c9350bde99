package io.longshore.registry.lifecycle;

import java.util.Objects;

/**
 * One rule of a lifecycle policy. Its only action is ECR's {@code expire}.
 *
 * @param rulePriority unique in the policy, at least 1; lower numbers are evaluated first
 * @param description free text, may be null
 */
public record LifecycleRule(int rulePriority, String description, RuleSelection selection) {
    public LifecycleRule {
        Objects.requireNonNull(selection, "selection");
    }
}
