package io.longshore.controlplane.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the rules a request breaks, so that one answer names all of them. */
final class Violations {
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
    static final String NAME_RULE = "must be 1 to 255 letters, digits, hyphens or underscores";

    private final List<Violation> list = new ArrayList<>();

    void add(String field, String rule) {
        list.add(new Violation(field, rule));
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny(String type) {
        if (!list.isEmpty()) {
            throw new InvalidRequestException(type, list);
        }
    }

    /** Checks a required name against ECS's name rule. */
    void name(String field, String value) {
        if (value == null || value.isEmpty()) {
            add(field, "is required");
        } else if (!NAME.matcher(value).matches()) {
            add(field, NAME_RULE);
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
