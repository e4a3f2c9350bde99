package io.longshore.registry.lifecycle;

/**
 * A lifecycle policy text that ECR would refuse. The message names the rule (its index in
 * {@code rules} and, when known, its {@code rulePriority}), the field and the rule it breaks, so
 * it can be returned as is in a 400 {@code InvalidParameterException}.
 */
public class InvalidLifecyclePolicyException extends IllegalArgumentException {
    private final String field;

    public InvalidLifecyclePolicyException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code rules[1].selection.countUnit}. */
    public String field() {
        return field;
    }
}
