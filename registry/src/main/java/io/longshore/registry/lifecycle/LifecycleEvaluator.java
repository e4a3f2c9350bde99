package io.longshore.registry.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which images of a repository a lifecycle policy expires, as ECR's lifecycle policy
 * evaluator and its preview do. Pure: the images and the moment come in, the expirations go out.
 *
 * <p>The semantics, from ECR's "lifecycle policy evaluation rules" and worked examples:
 * <ol>
 *   <li>Rules run in ascending {@code rulePriority}.</li>
 *   <li>A rule <em>identifies</em> the images its tag requirements match ({@link RuleSelection#identifies}),
 *       all of them, including images a higher-priority rule identified or expired ("rules can still
 *       identify them as if they haven't been expired").</li>
 *   <li>Among the identified images the count applies to all of them: {@code imageCountMoreThan N}
 *       sorts them newest first and selects all after the first N; {@code sinceImagePushed N days}
 *       selects those pushed strictly more than N×24 h before {@code now}.</li>
 *   <li>A selected image is expired by the rule only if no higher-priority rule identified it:
 *       "an image that matches the tagging requirements of a rule cannot be expired by a rule with a
 *       lower priority". So an image a rule keeps stays claimed by that rule: a rule keeping
 *       {@code prod*} images protects them from a later {@code any} rule. (ECR example "all images"
 *       B: the {@code any} rule counts images A–E, keeps the newest, and can only expire D.)</li>
 *   <li>Hence an image is expired by exactly one or zero rules.</li>
 * </ol>
 * Among images pushed at the same instant the one with the greater digest counts as the newer, so
 * the outcome never depends on the order of the input. Results are ordered oldest push first.
 *
 * <p>Not decided here: images referenced by a manifest list (ECR never expires those before the
 * list); the caller leaves them out or keeps them.
 */
public final class LifecycleEvaluator {
    /** Newest first; ties broken by digest so the order is total. */
    private static final Comparator<ImageInfo> NEWEST_FIRST = Comparator.comparing(ImageInfo::pushedAt)
            .thenComparing(ImageInfo::digest).reversed();
    private static final Comparator<ImageExpiration> OLDEST_FIRST = Comparator
            .comparing(ImageExpiration::imagePushedAt).thenComparing(ImageExpiration::imageDigest);

    private LifecycleEvaluator() {
    }

    /**
     * The images {@code policy} expires among {@code images} at {@code now}.
     *
     * @throws IllegalArgumentException when two images have the same digest
     */
    public static List<ImageExpiration> evaluate(LifecyclePolicy policy, List<ImageInfo> images, Instant now) {
        Set<String> digests = new HashSet<>();
        for (ImageInfo image : images) {
            if (!digests.add(image.digest())) {
                throw new IllegalArgumentException("the image " + image.digest() + " is listed twice");
            }
        }
        Set<String> claimedByHigherPriority = new HashSet<>();
        List<ImageExpiration> expirations = new ArrayList<>();
        for (LifecycleRule rule : policy.rules()) {
            List<ImageInfo> identified = images.stream().filter(rule.selection()::identifies).toList();
            for (ImageInfo candidate : selectedForExpiry(rule.selection(), identified, now)) {
                if (!claimedByHigherPriority.contains(candidate.digest())) {
                    expirations.add(ImageExpiration.of(candidate, rule.rulePriority()));
                }
            }
            identified.forEach(image -> claimedByHigherPriority.add(image.digest()));
        }
        expirations.sort(OLDEST_FIRST);
        return List.copyOf(expirations);
    }

    /** What the rule's count would expire among the images it identifies, ignoring other rules. */
    private static List<ImageInfo> selectedForExpiry(RuleSelection selection, List<ImageInfo> identified, Instant now) {
        switch (selection.countType()) {
            case IMAGE_COUNT_MORE_THAN:
                List<ImageInfo> newestFirst = identified.stream().sorted(NEWEST_FIRST).toList();
                return newestFirst.size() <= selection.countNumber()
                        ? List.of()
                        : newestFirst.subList(selection.countNumber(), newestFirst.size());
            case SINCE_IMAGE_PUSHED:
                Instant oldestKept = selection.oldestKept(now);
                return identified.stream().filter(image -> image.pushedAt().isBefore(oldestKept)).toList();
            default:
                throw new IllegalStateException("unknown count type " + selection.countType());
        }
    }
}
