package io.longshore.controlplane.validation;

/** One broken rule: the request field (as a JSON path, e.g. {@code containerDefinitions[0].image}) and the rule. */
public record Violation(String field, String rule) {

    public String message() {
        return field + ": " + rule;
    }
}
