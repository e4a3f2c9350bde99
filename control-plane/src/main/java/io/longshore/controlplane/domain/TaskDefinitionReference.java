package io.longshore.controlplane.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a request names a task definition: {@code family} (its latest ACTIVE revision),
 * {@code family:revision}, or the full ARN.
 *
 * @param revision null for "the latest ACTIVE revision"
 */
public record TaskDefinitionReference(String family, Integer revision) {
    private static final Pattern FAMILY = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
    private static final String ARN_MARKER = ":task-definition/";

    /** Parses a reference; empty when it is none of the accepted shapes. */
    public static Optional<TaskDefinitionReference> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String ref = value;
        int arn = value.indexOf(ARN_MARKER);
        if (value.startsWith("arn:")) {
            if (arn < 0) {
                return Optional.empty();
            }
            ref = value.substring(arn + ARN_MARKER.length());
        }
        String family = ref;
        Integer revision = null;
        int colon = ref.lastIndexOf(':');
        if (colon >= 0) {
            family = ref.substring(0, colon);
            String rev = ref.substring(colon + 1);
            if (!rev.matches("[0-9]{1,9}") || Integer.parseInt(rev) < 1) {
                return Optional.empty();
            }
            revision = Integer.parseInt(rev);
        }
        if (!FAMILY.matcher(family).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TaskDefinitionReference(family, revision));
    }

    @Override
    public String toString() {
        return revision == null ? family : family + ":" + revision;
    }
}
