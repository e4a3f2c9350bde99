package io.longshore.common.query;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a condition looks at: an attribute of the instance (named), or one of the built-in fields.
 *
 * @param kind      which field
 * @param attribute the attribute name for {@link Kind#ATTRIBUTE}, null otherwise
 */
public record Subject(Kind kind, String attribute) {
    /** ECS's rule for attribute names. */
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_./-]{1,128}");

    /** The subjects of the language, with their spelling. */
    public enum Kind {
        ATTRIBUTE("attribute:"),
        EC2_INSTANCE_ID("ec2InstanceId"),
        AGENT_CONNECTED("agentConnected"),
        AGENT_VERSION("agentVersion"),
        REGISTERED_AT("registeredAt"),
        RUNNING_TASKS_COUNT("runningTasksCount"),
        TASK_GROUP("task:group");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public Subject {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ATTRIBUTE) {
            if (attribute == null || !ATTRIBUTE_NAME.matcher(attribute).matches()) {
                throw new IllegalArgumentException("attribute name must be 1 to 128 of [A-Za-z0-9-_/.]: " + attribute);
            }
        } else if (attribute != null) {
            throw new IllegalArgumentException(kind + " takes no attribute name");
        }
    }

    public static Subject attribute(String name) {
        return new Subject(Kind.ATTRIBUTE, name);
    }

    public static Subject of(Kind kind) {
        return new Subject(kind, null);
    }

    public String render() {
        return kind == Kind.ATTRIBUTE ? kind.text() + attribute : kind.text();
    }
}
