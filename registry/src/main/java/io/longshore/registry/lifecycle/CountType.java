package io.longshore.registry.lifecycle;

/** How a rule picks, among the images it looks at, those to expire: {@code selection.countType}. */
public enum CountType {
    /** Keep the {@code countNumber} most recently pushed images, expire the older ones. */
    IMAGE_COUNT_MORE_THAN("imageCountMoreThan"),
    /** Expire the images pushed more than {@code countNumber} {@code countUnit}s ago. */
    SINCE_IMAGE_PUSHED("sinceImagePushed");

    private final String json;

    CountType(String json) {
        this.json = json;
    }

    /** The value as written in a policy. */
    public String json() {
        return json;
    }

    static CountType fromJson(String value) {
        for (CountType type : values()) {
            if (type.json.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
