package io.longshore.loadtest.invariant;

import java.util.List;

/**
 * One invariant's verdict: how many things it checked, how many broke it, and up to
 * {@link #MAX_EXAMPLES} of those, described.
 */
public record InvariantResult(String name, String description, boolean held, long checked, long violations,
                              List<String> examples) {
    public static final int MAX_EXAMPLES = 10;

    /** Collects violations, keeping the first few as examples. */
    public static final class Builder {
        private final String name;
        private final String description;
        private long checked;
        private long violations;
        private final java.util.ArrayList<String> examples = new java.util.ArrayList<>();

        public Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public void checked() {
            checked++;
        }

        public void violation(String example) {
            violations++;
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(example);
            }
        }

        public InvariantResult build() {
            return new InvariantResult(name, description, violations == 0, checked, violations, List.copyOf(examples));
        }
    }
}
