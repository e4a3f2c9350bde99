package io.longshore.controlplane.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request a user got wrong. Carries every rule it broke and the ECS error type to answer with
 * ({@code ClientException} or {@code InvalidParameterException}); the API maps it to a 400.
 */
public class InvalidRequestException extends RuntimeException {
    public static final String CLIENT_EXCEPTION = "ClientException";
    public static final String INVALID_PARAMETER = "InvalidParameterException";

    private final String type;
    private final List<Violation> violations;

    public InvalidRequestException(String type, List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")), null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String type, String field, String rule) {
        return new InvalidRequestException(type, List.of(new Violation(field, rule)));
    }

    public String type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }
}
