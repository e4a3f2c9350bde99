package io.longshore.registry.oci;

import java.util.regex.Pattern;

/** The spec's grammars for repository names and tags. */
public final class Names {
    /** OCI Distribution Spec v1.1 repository name grammar. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    public static final int MAX_REPOSITORY_LENGTH = 255;
    public static final String REPOSITORY_RULE = "must match [a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+"
            + "((\\.|_|__|-+)[a-z0-9]+)*)* and have at most " + MAX_REPOSITORY_LENGTH + " characters";

    private Names() {
    }

    public static boolean isRepository(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_REPOSITORY_LENGTH
                && REPOSITORY.matcher(name).matches();
    }

    /** The name, or NAME_INVALID. */
    public static String requireRepository(String name) {
        if (!isRepository(name)) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name: it " + REPOSITORY_RULE,
                    name);
        }
        return name;
    }

    public static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    public static String requireTag(String tag) {
        if (!isTag(tag)) {
            throw new RegistryException(ErrorCode.TAG_INVALID,
                    "invalid tag: it must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}", tag);
        }
        return tag;
    }
}
