package io.longshore.registry.lifecycle;

/** Which images a rule looks at by their tags: {@code selection.tagStatus}. */
public enum TagStatus {
    /** Images with a tag matching every entry of the rule's prefix or pattern list. */
    TAGGED("tagged"),
    /** Images without any tag. */
    UNTAGGED("untagged"),
    /** Every image; such a rule must come last. */
    ANY("any");

    private final String json;

    TagStatus(String json) {
        this.json = json;
    }

    /** The value as written in a policy. */
    public String json() {
        return json;
    }

    static TagStatus fromJson(String value) {
        for (TagStatus status : values()) {
            if (status.json.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
