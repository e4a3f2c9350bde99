package io.longshore.registry.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule's {@code selection}: which images the rule looks at ({@link #identifies}) and, among
 * them, which it would expire ({@link #countType}, {@link #countNumber}, {@link #countUnit}).
 *
 * <p>Tag matching follows ECR: with {@code tagPrefixList} an image matches when <em>every</em>
 * prefix is the start of at least one of its tags; with {@code tagPatternList} when every pattern
 * matches at least one of its tags as a whole, {@code *} standing for any run of characters.
 *
 * @param tagPrefixList empty unless {@code tagStatus} is tagged (then it or tagPatternList is set)
 * @param tagPatternList empty unless {@code tagStatus} is tagged
 * @param countUnit {@code "days"} with sinceImagePushed, else null
 */
public record RuleSelection(TagStatus tagStatus, List<String> tagPrefixList, List<String> tagPatternList,
                            CountType countType, String countUnit, int countNumber) {
    public RuleSelection {
        Objects.requireNonNull(tagStatus, "tagStatus");
        Objects.requireNonNull(countType, "countType");
        tagPrefixList = tagPrefixList == null ? List.of() : List.copyOf(tagPrefixList);
        tagPatternList = tagPatternList == null ? List.of() : List.copyOf(tagPatternList);
    }

    /** Whether this selection's tag requirements match the image (what ECR calls "identifies"). */
    public boolean identifies(ImageInfo image) {
        switch (tagStatus) {
            case ANY:
                return true;
            case UNTAGGED:
                return !image.tagged();
            case TAGGED:
                return image.tagged()
                        && tagPrefixList.stream().allMatch(prefix -> image.tags().stream().anyMatch(t -> t.startsWith(prefix)))
                        && tagPatternList.stream().allMatch(pattern -> image.tags().stream().anyMatch(t -> matches(pattern, t)));
            default:
                throw new IllegalStateException("unknown tag status " + tagStatus);
        }
    }

    /** The oldest moment a sinceImagePushed rule keeps: images pushed strictly before it expire. */
    Instant oldestKept(Instant now) {
        return now.minus(Duration.ofDays(countNumber));
    }

    /** Whether {@code tag} matches {@code pattern} as a whole, {@code *} matching any run of characters. */
    static boolean matches(String pattern, String tag) {
        // iterative glob match: on a mismatch, let the last star swallow one more character
        int p = 0;
        int t = 0;
        int star = -1;
        int swallowedUpTo = 0;
        while (t < tag.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                swallowedUpTo = t;
            } else if (p < pattern.length() && pattern.charAt(p) == tag.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++swallowedUpTo;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
