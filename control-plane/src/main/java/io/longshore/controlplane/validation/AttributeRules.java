package io.longshore.controlplane.validation;

import io.longshore.common.model.Arns;
import io.longshore.controlplane.domain.AttributesRequest;
import io.longshore.controlplane.domain.InstanceAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** PutAttributes' and DeleteAttributes' rules, with ECS's limits. Pure. */
public final class AttributeRules {
    public static final int MAX_ATTRIBUTES = 10;
    public static final String TARGET_TYPE = "container-instance";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./-]{1,128}");
    /** Built-in attributes belong to the agent. */
    static final String RESERVED_PREFIX = "ecs.";

    private AttributeRules() {
    }

    /** A checked attribute: the name, the value (null only when deleting) and the bare instance id. */
    public record ValidAttribute(String name, String value, String instanceId) {
    }

    /**
     * Checks every attribute; {@code valueRequired} for PutAttributes. Returns them with the target
     * reduced to its instance id.
     */
    public static List<ValidAttribute> validate(AttributesRequest request, boolean valueRequired) {
        Violations v = new Violations();
        List<InstanceAttribute> attributes = request == null ? null : request.attributes();
        if (attributes == null || attributes.isEmpty()) {
            v.add("attributes", "at least one attribute is required");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            v.add("attributes", "at most " + MAX_ATTRIBUTES + " attributes are allowed per call");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        List<ValidAttribute> valid = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            String p = "attributes[" + i + "]";
            InstanceAttribute a = attributes.get(i);
            if (a == null) {
                v.add(p, "is required");
                continue;
            }
            if (a.name() == null || a.name().isEmpty()) {
                v.add(p + ".name", "is required");
            } else if (!NAME.matcher(a.name()).matches()) {
                v.add(p + ".name", "must be 1 to 128 letters, digits, hyphens, underscores, slashes or periods");
            } else if (a.name().startsWith(RESERVED_PREFIX)) {
                v.add(p + ".name", "built-in attributes (" + RESERVED_PREFIX + "*) cannot be changed");
            }
            if (a.value() == null) {
                if (valueRequired) {
                    v.add(p + ".value", "is required");
                }
            } else if (a.value().isEmpty() || a.value().length() > 128) {
                v.add(p + ".value", "must be 1 to 128 characters");
            }
            if (a.targetType() != null && !TARGET_TYPE.equals(a.targetType())) {
                v.add(p + ".targetType", "must be " + TARGET_TYPE);
            }
            if (Violations.isBlank(a.targetId())) {
                v.add(p + ".targetId", "is required (a container instance id or ARN)");
            } else {
                valid.add(new ValidAttribute(a.name(), a.value(), Arns.lastSegment(a.targetId())));
            }
        }
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return valid;
    }
}
