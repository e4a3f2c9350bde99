package io.longshore.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the evaluator over random repositories and random valid policies. */
class LifecycleEvaluatorPropertiesTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    /** Few tag names, so that rules and images overlap often. */
    private static final List<String> TAGS = List.of("v1", "v2", "v10", "prod", "prod-1", "beta-1", "beta-2",
            "latest", "dev", "release-3");
    private static final List<String> PREFIXES = List.of("v", "prod", "beta", "dev", "release", "v1", "l");
    private static final List<String> PATTERNS = List.of("v*", "*prod*", "beta-*", "latest", "*-1", "*", "dev");

    // --- invariants ------------------------------------------------------------------------------

    @Property(tries = 500)
    void anImageIsExpiredByAtMostOneRuleAndOnlyIfItExists(@ForAll("policies") LifecyclePolicy policy,
                                                          @ForAll("repositories") List<ImageInfo> images) {
        List<ImageExpiration> result = LifecycleEvaluator.evaluate(policy, images, NOW);

        Set<String> digests = images.stream().map(ImageInfo::digest).collect(Collectors.toSet());
        assertThat(result).extracting(ImageExpiration::imageDigest).doesNotHaveDuplicates();
        assertThat(result).allSatisfy(e -> assertThat(digests).contains(e.imageDigest()));
    }

    @Property(tries = 500)
    void theApplyingRuleIdentifiesTheImageAndNoEarlierRuleDoes(@ForAll("policies") LifecyclePolicy policy,
                                                               @ForAll("repositories") List<ImageInfo> images) {
        Map<String, ImageInfo> byDigest = images.stream().collect(Collectors.toMap(ImageInfo::digest, Function.identity()));
        for (ImageExpiration expiration : LifecycleEvaluator.evaluate(policy, images, NOW)) {
            ImageInfo image = byDigest.get(expiration.imageDigest());
            for (LifecycleRule rule : policy.rules()) {
                if (rule.rulePriority() < expiration.appliedRulePriority()) {
                    assertThat(rule.selection().identifies(image)).isFalse();
                } else if (rule.rulePriority() == expiration.appliedRulePriority()) {
                    assertThat(rule.selection().identifies(image)).isTrue();
                }
            }
            assertThat(expiration.imageTags()).isEqualTo(image.tags());
            assertThat(expiration.imagePushedAt()).isEqualTo(image.pushedAt());
            assertThat(expiration.action().type()).isEqualTo("EXPIRE");
        }
    }

    /** A count rule never expires so many of the images it looks at that fewer than N are left. */
    @Property(tries = 500)
    void imageCountMoreThanNeverLeavesFewerThanNOfItsImages(@ForAll("policies") LifecyclePolicy policy,
                                                            @ForAll("repositories") List<ImageInfo> images) {
        List<ImageExpiration> result = LifecycleEvaluator.evaluate(policy, images, NOW);
        for (LifecycleRule rule : policy.rules()) {
            if (rule.selection().countType() != CountType.IMAGE_COUNT_MORE_THAN) {
                continue;
            }
            long identified = images.stream().filter(rule.selection()::identifies).count();
            long expiredByRule = result.stream().filter(e -> e.appliedRulePriority() == rule.rulePriority()).count();
            assertThat(identified - expiredByRule).isGreaterThanOrEqualTo(Math.min(identified, rule.selection().countNumber()));
        }
    }

    /** Alone, a count rule leaves exactly min(N, matching) matching images, the newest. */
    @Property(tries = 500)
    void aSingleCountRuleKeepsExactlyTheNewestN(@ForAll("countSelections") RuleSelection selection,
                                                @ForAll("repositories") List<ImageInfo> images) {
        LifecyclePolicy policy = new LifecyclePolicy(List.of(new LifecycleRule(1, null, selection)));
        Set<String> expired = digests(LifecycleEvaluator.evaluate(policy, images, NOW));

        List<ImageInfo> matching = images.stream().filter(selection::identifies).toList();
        List<ImageInfo> kept = matching.stream().filter(i -> !expired.contains(i.digest())).toList();
        assertThat(kept).hasSize(Math.min(matching.size(), selection.countNumber()));
        Instant oldestKept = kept.stream().map(ImageInfo::pushedAt).min(Instant::compareTo).orElse(Instant.MAX);
        assertThat(matching).filteredOn(i -> expired.contains(i.digest()))
                .allSatisfy(i -> assertThat(i.pushedAt()).isBeforeOrEqualTo(oldestKept));
    }

    @Property(tries = 300)
    void untaggedOnlyRulesNeverTouchTaggedImages(@ForAll("repositories") List<ImageInfo> images,
                                                 @ForAll @IntRange(min = 1, max = 5) int count,
                                                 @ForAll boolean byAge) {
        RuleSelection untagged = byAge
                ? new RuleSelection(TagStatus.UNTAGGED, null, null, CountType.SINCE_IMAGE_PUSHED, "days", count)
                : new RuleSelection(TagStatus.UNTAGGED, null, null, CountType.IMAGE_COUNT_MORE_THAN, null, count);
        LifecyclePolicy policy = new LifecyclePolicy(List.of(new LifecycleRule(1, null, untagged)));

        assertThat(LifecycleEvaluator.evaluate(policy, images, NOW)).allSatisfy(e -> assertThat(e.imageTags()).isEmpty());
    }

    @Property(tries = 500)
    void rulesExpireOnlyImagesOfTheirTagStatus(@ForAll("policies") LifecyclePolicy policy,
                                               @ForAll("repositories") List<ImageInfo> images) {
        Map<Integer, TagStatus> statusByPriority = policy.rules().stream()
                .collect(Collectors.toMap(LifecycleRule::rulePriority, r -> r.selection().tagStatus()));
        for (ImageExpiration e : LifecycleEvaluator.evaluate(policy, images, NOW)) {
            TagStatus status = statusByPriority.get(e.appliedRulePriority());
            if (status == TagStatus.UNTAGGED) {
                assertThat(e.imageTags()).isEmpty();
            } else if (status == TagStatus.TAGGED) {
                assertThat(e.imageTags()).isNotEmpty();
            }
        }
    }

    @Property(tries = 500)
    void sinceImagePushedNeverExpiresAYoungImage(@ForAll("policies") LifecyclePolicy policy,
                                                 @ForAll("repositories") List<ImageInfo> images) {
        Map<Integer, RuleSelection> byPriority = policy.rules().stream()
                .collect(Collectors.toMap(LifecycleRule::rulePriority, LifecycleRule::selection));
        for (ImageExpiration e : LifecycleEvaluator.evaluate(policy, images, NOW)) {
            RuleSelection selection = byPriority.get(e.appliedRulePriority());
            if (selection.countType() == CountType.SINCE_IMAGE_PUSHED) {
                assertThat(e.imagePushedAt()).isBefore(NOW.minus(Duration.ofDays(selection.countNumber())));
            }
        }
    }

    @Property(tries = 300)
    void theOrderOfTheImagesDoesNotMatter(@ForAll("policies") LifecyclePolicy policy,
                                          @ForAll("repositories") List<ImageInfo> images, @ForAll long seed) {
        List<ImageInfo> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(LifecycleEvaluator.evaluate(policy, shuffled, NOW))
                .isEqualTo(LifecycleEvaluator.evaluate(policy, images, NOW));
    }

    /** Later, nothing an age rule expired comes back (count rules do not depend on time). */
    @Property(tries = 300)
    void timeOnlyAddsAgeExpirations(@ForAll("ageSelections") RuleSelection selection,
                                    @ForAll("repositories") List<ImageInfo> images,
                                    @ForAll @IntRange(min = 0, max = 100) int laterDays) {
        LifecyclePolicy policy = new LifecyclePolicy(List.of(new LifecycleRule(1, null, selection)));
        Set<String> now = digests(LifecycleEvaluator.evaluate(policy, images, NOW));
        Set<String> later = digests(LifecycleEvaluator.evaluate(policy, images, NOW.plus(Duration.ofDays(laterDays))));
        assertThat(later).containsAll(now);
    }

    @Property(tries = 300)
    void resultsAreOrderedOldestFirst(@ForAll("policies") LifecyclePolicy policy,
                                      @ForAll("repositories") List<ImageInfo> images) {
        List<Instant> pushed = LifecycleEvaluator.evaluate(policy, images, NOW).stream()
                .map(ImageExpiration::imagePushedAt).toList();
        assertThat(pushed).isSorted();
    }

    private static Set<String> digests(List<ImageExpiration> expirations) {
        return expirations.stream().map(ImageExpiration::imageDigest).collect(Collectors.toCollection(HashSet::new));
    }

    // --- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<ImageInfo>> repositories() {
        Arbitrary<List<String>> tags = Arbitraries.of(TAGS).set().ofMaxSize(3).map(List::copyOf);
        // minutes in the last 60 days; duplicates of times happen (and must be handled)
        Arbitrary<Integer> minutesAgo = Arbitraries.integers().between(0, 60 * 24 * 60);
        Arbitrary<List<Map.Entry<List<String>, Integer>>> raw = Combinators.combine(tags, minutesAgo)
                .as(Map::entry).list().ofMaxSize(25);
        return raw.map(entries -> IntStream.range(0, entries.size())
                .mapToObj(i -> new ImageInfo(String.format("sha256:%04d", i), entries.get(i).getKey(),
                        NOW.minus(Duration.ofMinutes(entries.get(i).getValue()))))
                .toList());
    }

    @Provide
    Arbitrary<RuleSelection> countSelections() {
        return Combinators.combine(tagChoice(), Arbitraries.integers().between(1, 8))
                .as((choice, n) -> new RuleSelection(choice.status(), choice.prefixes(), choice.patterns(),
                        CountType.IMAGE_COUNT_MORE_THAN, null, n));
    }

    @Provide
    Arbitrary<RuleSelection> ageSelections() {
        return Combinators.combine(tagChoice(), Arbitraries.integers().between(1, 40))
                .as((choice, n) -> new RuleSelection(choice.status(), choice.prefixes(), choice.patterns(),
                        CountType.SINCE_IMAGE_PUSHED, "days", n));
    }

    /** Random valid policies, built as JSON text and parsed, so the parser is exercised too. */
    @Provide
    Arbitrary<LifecyclePolicy> policies() {
        Arbitrary<RuleSelection> selection = Arbitraries.oneOf(countSelections(), ageSelections());
        return selection.list().ofMinSize(1).ofMaxSize(5).map(LifecycleEvaluatorPropertiesTest::toValidPolicy)
                .map(LifecycleEvaluatorPropertiesTest::toJson).map(LifecyclePolicy::parse);
    }

    record TagChoice(TagStatus status, List<String> prefixes, List<String> patterns) {
    }

    private Arbitrary<TagChoice> tagChoice() {
        Arbitrary<TagChoice> byPrefix = Arbitraries.of(PREFIXES).set().ofMinSize(1).ofMaxSize(2)
                .map(s -> new TagChoice(TagStatus.TAGGED, List.copyOf(s), List.of()));
        Arbitrary<TagChoice> byPattern = Arbitraries.of(PATTERNS).set().ofMinSize(1).ofMaxSize(2)
                .map(s -> new TagChoice(TagStatus.TAGGED, List.of(), List.copyOf(s)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, byPrefix),
                net.jqwik.api.Tuple.of(3, byPattern),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new TagChoice(TagStatus.UNTAGGED, List.of(), List.of()))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new TagChoice(TagStatus.ANY, List.of(), List.of()))));
    }

    /** Drops what ECR would refuse: a second untagged or any rule, repeated tag sets; puts any last. */
    private static List<RuleSelection> toValidPolicy(List<RuleSelection> selections) {
        List<RuleSelection> valid = new ArrayList<>();
        RuleSelection any = null;
        boolean untagged = false;
        Set<Set<String>> prefixSets = new HashSet<>();
        Set<Set<String>> patternSets = new HashSet<>();
        for (RuleSelection s : selections) {
            switch (s.tagStatus()) {
                case ANY:
                    any = any == null ? s : any;
                    break;
                case UNTAGGED:
                    if (!untagged) {
                        valid.add(s);
                    }
                    untagged = true;
                    break;
                default:
                    boolean fresh = s.tagPrefixList().isEmpty()
                            ? patternSets.add(Set.copyOf(s.tagPatternList()))
                            : prefixSets.add(Set.copyOf(s.tagPrefixList()));
                    if (fresh) {
                        valid.add(s);
                    }
            }
        }
        if (any != null) {
            valid.add(any);
        }
        return valid;
    }

    private static String toJson(List<RuleSelection> selections) {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < selections.size(); i++) {
            RuleSelection s = selections.get(i);
            StringBuilder selection = new StringBuilder("\"tagStatus\":\"" + s.tagStatus().json() + "\"");
            if (!s.tagPrefixList().isEmpty()) {
                selection.append(",\"tagPrefixList\":").append(jsonList(s.tagPrefixList()));
            }
            if (!s.tagPatternList().isEmpty()) {
                selection.append(",\"tagPatternList\":").append(jsonList(s.tagPatternList()));
            }
            selection.append(",\"countType\":\"").append(s.countType().json()).append('"');
            if (s.countUnit() != null) {
                selection.append(",\"countUnit\":\"").append(s.countUnit()).append('"');
            }
            selection.append(",\"countNumber\":").append(s.countNumber());
            // priorities spaced and not starting at 1: they need not be sequential
            rules.add("{\"rulePriority\":" + (5 + 10 * i) + ",\"selection\":{" + selection
                    + "},\"action\":{\"type\":\"expire\"}}");
        }
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
