package io.longshore.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LifecycleEvaluatorTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static ImageInfo image(String digest, Duration age, String... tags) {
        return new ImageInfo(digest, List.of(tags), NOW.minus(age));
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    /** digest → the priority of the rule that expired it. */
    static Map<String, Integer> expired(String policy, List<ImageInfo> images) {
        Map<String, Integer> result = new TreeMap<>();
        for (ImageExpiration e : LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policy), images, NOW)) {
            result.put(e.imageDigest(), e.appliedRulePriority());
        }
        return result;
    }

    static String rule(int priority, String selection) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"Rule " + priority + "\",\"selection\":{"
                + selection + "},\"action\":{\"type\":\"expire\"}}";
    }

    static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    /** The examples of ECR's user guide, "Examples of lifecycle policies", with their documented results. */
    @Nested
    class EcrDocumentationExamples {
        @Test
        void filteringOnImageAgeExpiresUntaggedImagesOlderThan14Days() {
            String policy = policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                    + "\"countUnit\":\"days\",\"countNumber\":14"));
            List<ImageInfo> images = List.of(
                    image("old-untagged", days(20)),
                    image("young-untagged", days(3)),
                    image("old-tagged", days(30), "v1"));

            assertThat(expired(policy, images)).containsExactly(Map.entry("old-untagged", 1));
        }

        @Test
        void filteringOnImageAgeWithATagPattern() {
            String policy = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\"],"
                    + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14"));
            List<ImageInfo> images = List.of(
                    image("old-prod", days(15), "prod-1"),
                    image("old-production", days(40), "production-team1"),
                    image("young-prod", days(13), "prod"),
                    image("old-dev", days(20), "dev-1"),
                    image("old-untagged", days(20)));

            assertThat(expired(policy, images)).containsOnlyKeys("old-prod", "old-production");
        }

        @Test
        void filteringOnImageCountKeepsOneUntaggedImage() {
            String policy = policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\","
                    + "\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("u1", days(3)), image("u2", days(2)), image("u3", days(1)), image("t", days(9), "v1"));

            assertThat(expired(policy, images)).containsOnlyKeys("u1", "u2");
        }

        private final List<ImageInfo> betaProd = List.of(
                image("A", days(10), "beta-1", "prod-1"),
                image("B", days(9), "beta-2", "prod-2"),
                image("C", days(8), "beta-3"));

        /** Rule 2 would expire B, but B was identified by rule 1 (which keeps it): only A goes. */
        @Test
        void multipleRulesExampleA() {
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                    rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"beta\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));

            assertThat(expired(policy, betaProd)).containsExactly(Map.entry("A", 1));
        }

        @Test
        void multipleRulesExampleAWithTagPatterns() {
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                    rule(2, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"beta*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));

            assertThat(expired(policy, betaProd)).containsExactly(Map.entry("A", 1));
        }

        /** The same repository with the priorities swapped: rule 1 (beta) expires A and B. */
        @Test
        void multipleRulesExampleB() {
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"beta\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                    rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));

            assertThat(expired(policy, betaProd)).containsExactly(Map.entry("A", 1), Map.entry("B", 1));
        }

        /** Several prefixes in one rule: an image must match all of them. */
        @Test
        void multipleTagsInOneRuleExampleA() {
            String policy = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"alpha\",\"beta\"],"
                    + "\"countType\":\"sinceImagePushed\",\"countNumber\":5,\"countUnit\":\"days\""));
            List<ImageInfo> images = List.of(
                    image("A", days(12), "alpha-1"),
                    image("B", days(11), "beta-1"),
                    image("C", days(10), "alpha-2", "beta-2"),
                    image("D", days(4), "alpha-3"),
                    image("E", days(3), "beta-3"),
                    image("F", days(2), "alpha-4", "beta-4"));

            assertThat(expired(policy, images)).containsExactly(Map.entry("C", 1));
        }

        /** Tags are not exclusive: other tags do not stop a match. */
        @Test
        void multipleTagsInOneRuleExampleB() {
            String policy = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"alpha\",\"beta\"],"
                    + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("A", days(10), "alpha-1", "beta-1", "gamma-1"),
                    image("B", days(9), "alpha-2", "beta-2"),
                    image("C", days(8), "alpha-3", "beta-3", "gamma-2"));

            assertThat(expired(policy, images)).containsOnlyKeys("A", "B");
        }

        @Test
        void allImagesExampleA() {
            String policy = policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("A", days(4), "alpha-1"),
                    image("B", days(3), "beta-1"),
                    image("C", days(2)),
                    image("D", days(1), "alpha-2"));

            assertThat(expired(policy, images)).containsOnlyKeys("A", "B", "C");
        }

        /**
         * All rule types: rule 3 (any) counts all five images and keeps the newest (E), but only D
         * was not identified by a higher-priority rule.
         */
        @Test
        void allImagesExampleB() {
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"alpha\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                    rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1"),
                    rule(3, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("A", days(4), "alpha-1", "beta-1"),
                    image("B", days(3)),
                    image("C", days(2), "alpha-2"),
                    image("D", days(1), "git hash"), // pushed "1 day ago", a little before E
                    image("E", days(1).minusMinutes(1)));

            assertThat(expired(policy, images))
                    .containsExactly(Map.entry("A", 1), Map.entry("B", 2), Map.entry("D", 3));
        }
    }

    @Nested
    class ImageCountMoreThan {
        private final String keepTwoReleases = policy(rule(1,
                "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":2"));

        @Test
        void keepsTheNewestAndExpiresTheRest() {
            List<ImageInfo> images = List.of(image("v1", days(5), "v1"), image("v2", days(4), "v2"),
                    image("v3", days(3), "v3"), image("v4", days(2), "v4"));

            assertThat(expired(keepTwoReleases, images)).containsOnlyKeys("v1", "v2");
        }

        @Test
        void exactlyTheCountIsKept() {
            List<ImageInfo> images = List.of(image("v1", days(5), "v1"), image("v2", days(4), "v2"));
            assertThat(expired(keepTwoReleases, images)).isEmpty();
        }

        @Test
        void inputOrderDoesNotMatter() {
            List<ImageInfo> images = new ArrayList<>(List.of(image("v1", days(5), "v1"), image("v2", days(4), "v2"),
                    image("v3", days(3), "v3"), image("v4", days(2), "v4")));
            Collections.reverse(images);
            assertThat(expired(keepTwoReleases, images)).containsOnlyKeys("v1", "v2");
        }

        @Test
        void imagesPushedAtTheSameInstantAreOrderedByDigest() {
            List<ImageInfo> images = List.of(image("sha256:aa", days(1), "v1"), image("sha256:bb", days(1), "v2"),
                    image("sha256:cc", days(1), "v3"));
            // the greater digest counts as the newer, whatever the input order
            assertThat(expired(keepTwoReleases, images)).containsOnlyKeys("sha256:aa");
            assertThat(expired(keepTwoReleases, List.of(images.get(2), images.get(0), images.get(1))))
                    .containsOnlyKeys("sha256:aa");
        }

        @Test
        void ageDoesNotMatter() {
            List<ImageInfo> images = List.of(image("v1", Duration.ofMinutes(3), "v1"),
                    image("v2", Duration.ofMinutes(2), "v2"), image("v3", Duration.ofMinutes(1), "v3"));
            assertThat(expired(keepTwoReleases, images)).containsOnlyKeys("v1");
        }
    }

    @Nested
    class SinceImagePushed {
        private final String fourteenDays = policy(rule(1,
                "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14"));

        @Test
        void expiresOnlyImagesOlderThanTheLimit() {
            List<ImageInfo> images = List.of(
                    image("exactly-14-days", days(14)),
                    image("a-second-more", days(14).plusSeconds(1)),
                    image("a-second-less", days(14).minusSeconds(1)));

            assertThat(expired(fourteenDays, images)).containsOnlyKeys("a-second-more");
        }

        @Test
        void movingTimeForwardExpiresMore() {
            LifecyclePolicy parsed = LifecyclePolicy.parse(fourteenDays);
            List<ImageInfo> images = List.of(image("x", days(10)));

            assertThat(LifecycleEvaluator.evaluate(parsed, images, NOW)).isEmpty();
            assertThat(LifecycleEvaluator.evaluate(parsed, images, NOW.plus(days(5)))).hasSize(1);
        }

        @Test
        void aKeptImageStillProtectsItselfFromLaterRules() {
            // the idiom "keep prod images 90 days, everything else only 3"
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod-*\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":90"),
                    rule(2, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":3"));
            List<ImageInfo> images = List.of(
                    image("prod-young", days(30), "prod-7"),
                    image("prod-old", days(100), "prod-1"),
                    image("dev-old", days(30), "dev-3"),
                    image("dev-young", days(1), "dev-4"));

            assertThat(expired(policy, images)).containsExactly(Map.entry("dev-old", 2), Map.entry("prod-old", 1));
        }
    }

    @Nested
    class Claims {
        @Test
        void aHighCountRuleProtectsItsImages() {
            // the idiom "keep every release", from ECR users: countNumber 9999 on the protected tags
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"release-*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":9999"),
                    rule(2, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("r1", days(9), "release-1"), image("r2", days(8), "release-2"),
                    image("b1", days(7), "build-1"), image("b2", days(6), "build-2"), image("u", days(5)));

            // rule 2 counts all five, keeps u, could expire b2 b1 r2 r1 — but not the releases
            assertThat(expired(policy, images)).containsExactly(Map.entry("b1", 2), Map.entry("b2", 2));
        }

        @Test
        void imagesClaimedByAHigherRuleStillCountForALowerOne() {
            // the two newest build images are claimed by rule 1 but still fill rule 2's two places: the old one goes
            String policy = policy(
                    rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"stable\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":10"),
                    rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"build\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":2"));
            List<ImageInfo> images = List.of(
                    image("old", days(3), "build-1"),
                    image("mid", days(2), "build-2", "stable-2"),
                    image("new", days(1), "build-3", "stable-3"));

            assertThat(expired(policy, images)).containsExactly(Map.entry("old", 2));
        }

        @Test
        void untaggedAndTaggedRulesNeverCompete() {
            String policy = policy(
                    rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                    rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("u1", days(4)), image("u2", days(3)), image("v1", days(2), "v1"), image("v2", days(1), "v2"));

            assertThat(expired(policy, images)).containsExactly(Map.entry("u1", 1), Map.entry("v1", 2));
        }

        @Test
        void rulesRunByPriorityNotByPositionInTheText() {
            String policy = policy(
                    rule(20, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                    rule(10, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"beta\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(
                    image("A", days(10), "beta-1", "prod-1"),
                    image("B", days(9), "beta-2", "prod-2"),
                    image("C", days(8), "beta-3"));

            // as ECR's multiple-rules example B: the beta rule (10) runs first
            assertThat(expired(policy, images)).containsExactly(Map.entry("A", 10), Map.entry("B", 10));
        }
    }

    @Nested
    class Result {
        @Test
        void hasEcrsPreviewShapeAndIsOrderedOldestFirst() {
            String policy = policy(rule(7, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(image("sha256:2", days(2), "b", "a"), image("sha256:3", days(1)),
                    image("sha256:1", days(3)));

            List<ImageExpiration> result = LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policy), images, NOW);

            assertThat(result).containsExactly(
                    new ImageExpiration("sha256:1", List.of(), NOW.minus(days(3)), ImageExpiration.Action.EXPIRE, 7),
                    new ImageExpiration("sha256:2", List.of("b", "a"), NOW.minus(days(2)),
                            ImageExpiration.Action.EXPIRE, 7));
            assertThat(result.get(0).action().type()).isEqualTo("EXPIRE");
        }

        @Test
        void anEmptyRepositoryExpiresNothing() {
            String policy = policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            assertThat(LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policy), List.of(), NOW)).isEmpty();
        }

        @Test
        void theSameDigestTwiceIsACallerError() {
            String policy = policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
            List<ImageInfo> images = List.of(image("d", days(1)), image("d", days(2), "v1"));
            assertThatThrownBy(() -> LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policy), images, NOW))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d is listed twice");
        }
    }

    @Nested
    class TagMatching {
        private boolean identifies(String selection, String... tags) {
            LifecyclePolicy parsed = LifecyclePolicy.parse(policy(rule(1, selection
                    + ",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")));
            return parsed.rules().get(0).selection().identifies(image("d", days(1), tags));
        }

        @Test
        void prefixesMatchTheStartOfAnyTag() {
            String v = "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"]";
            assertThat(identifies(v, "v1.2")).isTrue();
            assertThat(identifies(v, "latest", "v2")).isTrue();
            assertThat(identifies(v, "latest")).isFalse();
            assertThat(identifies(v, "dev-v1")).isFalse();
            assertThat(identifies(v)).isFalse();
        }

        @Test
        void everyPrefixMustMatchSomeTag() {
            String both = "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"alpha\",\"beta\"]";
            assertThat(identifies(both, "alpha-1", "beta-1")).isTrue();
            assertThat(identifies(both, "alpha-1")).isFalse();
            assertThat(identifies(both, "alphabeta")).isFalse();
        }

        @Test
        void patternsMatchWholeTags() {
            String prod = "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\"]";
            assertThat(identifies(prod, "prod")).isTrue();
            assertThat(identifies(prod, "production-team1")).isTrue();
            assertThat(identifies(prod, "preprod")).isFalse();
            String contains = "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*prod*\"]";
            assertThat(identifies(contains, "repo-production")).isTrue();
            assertThat(identifies(contains, "prod-team")).isTrue();
            assertThat(identifies(contains, "dev")).isFalse();
            String exact = "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"latest\"]";
            assertThat(identifies(exact, "latest")).isTrue();
            assertThat(identifies(exact, "latest-1")).isFalse();
        }

        @Test
        void everyPatternMustMatchSomeTag() {
            String both = "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"latest\",\"v*\"]";
            assertThat(identifies(both, "latest", "v3")).isTrue();
            assertThat(identifies(both, "latest")).isFalse();
        }

        @Test
        void globMatching() {
            assertThat(RuleSelection.matches("*test*1*2*3", "my-test-1-2-3")).isTrue();
            assertThat(RuleSelection.matches("test*1*2*3*", "test1x2y3z")).isTrue();
            assertThat(RuleSelection.matches("a*b", "ab")).isTrue();
            assertThat(RuleSelection.matches("a*b", "axxbxxb")).isTrue();
            assertThat(RuleSelection.matches("a*b", "axxbxxc")).isFalse();
            assertThat(RuleSelection.matches("*", "")).isTrue();
            assertThat(RuleSelection.matches("**", "x")).isTrue();
            assertThat(RuleSelection.matches("v1.0", "v1x0")).isFalse(); // '.' is a dot
            assertThat(RuleSelection.matches("v1.0", "v1.0")).isTrue();
        }

        @Test
        void untaggedAndAny() {
            assertThat(identifies("\"tagStatus\":\"untagged\"")).isTrue();
            assertThat(identifies("\"tagStatus\":\"untagged\"", "v1")).isFalse();
            assertThat(identifies("\"tagStatus\":\"any\"")).isTrue();
            assertThat(identifies("\"tagStatus\":\"any\"", "v1")).isTrue();
        }
    }
}
