package io.longshore.events.pattern;

import static io.longshore.events.pattern.TestEvents.OBJECT_CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RuleMachineTest {

    @Test
    void matchesTheRulesWhosePatternMatches() {
        RuleMachine machine = RuleMachine.compile(Map.of(
                "uploads", "{\"source\": [\"demo.storage\"], \"detail-type\": [\"Object Created\"]}",
                "csv-files", "{\"detail\": {\"object\": {\"key\": [{\"suffix\": \".csv\"}]}}}",
                "deletions", "{\"detail-type\": [\"Object Deleted\"]}",
                "big-files", "{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 1000000]}]}}}"));

        assertThat(machine.size()).isEqualTo(4);
        assertThat(machine.matchingRules(OBJECT_CREATED)).containsExactlyInAnyOrder("uploads", "csv-files");
    }

    @Test
    void rulesWithTheSamePatternAllMatch() {
        String pattern = "{\"source\": [\"demo.storage\"]}";
        RuleMachine machine = RuleMachine.compile(Map.of("a", pattern, "b", pattern, "c", "{\"source\": [\"x\"]}"));

        assertThat(machine.matchingRules(OBJECT_CREATED)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aRuleWithOrBranchesIsNamedOnceWhenSeveralBranchesMatch() {
        RuleMachine machine = RuleMachine.compile(Map.of("either",
                "{\"$or\": [{\"source\": [\"demo.storage\"]}, {\"detail-type\": [\"Object Created\"]}]}"));

        assertThat(machine.matchingRules(OBJECT_CREATED)).containsExactly("either");
    }

    @Test
    void anInvalidPatternNamesItsRule() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("fine", "{\"source\": [\"demo.storage\"]}");
        rules.put("broken", "{\"source\": \"demo.storage\"}");

        assertThatThrownBy(() -> RuleMachine.compile(rules))
                .isInstanceOf(InvalidPatternException.class)
                .hasMessageStartingWith("Rule broken: ")
                .hasMessageContaining("\"source\" must be an object or an array")
                .satisfies(e -> {
                    InvalidPatternException invalid = (InvalidPatternException) e;
                    assertThat(invalid.ruleName()).contains("broken");
                    assertThat(EventPatterns.check(rules.get("broken"))).contains(invalid.explanation());
                });
    }

    @Test
    void emptyMachineMatchesNothing() {
        assertThat(RuleMachine.empty().size()).isZero();
        assertThat(RuleMachine.empty().matchingRules(OBJECT_CREATED)).isEmpty();
        assertThat(RuleMachine.compile(Map.of()).matchingRules(OBJECT_CREATED)).isEmpty();
    }

    @Test
    void theResultCannotBeChanged() {
        Set<String> matching = RuleMachine.compile(Map.of("a", "{\"source\": [\"demo.storage\"]}"))
                .matchingRules(OBJECT_CREATED);

        assertThatThrownBy(() -> matching.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** 1,000 rules of four kinds; every event matches exactly the rules the plain predicates expect. */
    @Test
    void aThousandRulesMatchExactlyTheExpectedOnes() {
        Map<String, String> patterns = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            patterns.put("n-" + i, "{\"detail\": {\"n\": [" + i + "]}}");
        }
        for (int j = 0; j < 40; j++) {
            patterns.put("range-" + j, "{\"detail\": {\"n\": [{\"numeric\": [\">=\", " + j * 10 + ", \"<\", "
                    + (j * 10 + 10) + "]}]}}");
        }
        for (int i = 0; i < 300; i++) {
            patterns.put("prefix-" + i, "{\"detail\": {\"key\": [{\"prefix\": \"k" + i + "\"}]}}");
        }
        for (int i = 0; i < 260; i++) {
            patterns.put("source-" + i, "{\"source\": [\"src-" + i + "\"], \"detail-type\": [\"Tick\"]}");
        }
        RuleMachine machine = RuleMachine.compile(patterns);
        assertThat(machine.size()).isEqualTo(1000);

        int events = 0;
        for (int n : new int[] {0, 5, 123, 399, 400, 1000}) {
            for (String key : new String[] {"k1", "k12", "k123", "k299", "x"}) {
                for (String source : new String[] {"src-0", "src-259", "src-260", "other"}) {
                    String event = TestEvents.envelope(source, "Tick",
                            "{\"n\": " + n + ", \"key\": \"" + key + "\"}");
                    assertThat(machine.matchingRules(event)).as("n=%s key=%s source=%s", n, key, source)
                            .isEqualTo(expected(n, key, source));
                    events++;
                }
            }
        }
        assertThat(events).isEqualTo(120);
    }

    private static Set<String> expected(int n, String key, String source) {
        Set<String> expected = new HashSet<>();
        if (n < 400) {
            expected.add("n-" + n);
            expected.add("range-" + n / 10);
        }
        for (int i = 0; i < 300; i++) {
            if (key.startsWith("k" + i)) {
                expected.add("prefix-" + i);
            }
        }
        for (int i = 0; i < 260; i++) {
            if (source.equals("src-" + i)) {
                expected.add("source-" + i);
            }
        }
        return expected;
    }

    @Test
    void matchingFromManyThreadsGivesTheSameAnswers() throws Exception {
        Map<String, String> patterns = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            // closed ranges: 200 open-ended overlapping ranges take event-ruler seconds to compile
            patterns.put("r" + i, "{\"detail\": {\"n\": [{\"numeric\": [\">=\", " + i + ", \"<\", " + (i + 20)
                    + "]}], \"tags\": [\"t" + i % 7 + "\"]}}");
        }
        RuleMachine machine = RuleMachine.compile(patterns);
        List<String> events = new ArrayList<>();
        List<Set<String>> expected = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            String event = TestEvents.envelope("demo", "Tick", "{\"n\": " + n * 4 + ", \"tags\": [\"t" + n % 7
                    + "\", \"t" + (n + 3) % 7 + "\"]}");
            events.add(event);
            expected.add(machine.matchingRules(event));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 40; round++) {
                        for (int e = 0; e < events.size(); e++) {
                            if (!machine.matchingRules(events.get(e)).equals(expected.get(e))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // n = 40, tags t3 and t6: r21..r40 cover 40, and those with i % 7 in {3, 6} carry a matching tag
        assertThat(expected.get(10)).containsExactlyInAnyOrder("r24", "r27", "r31", "r34", "r38");
    }
}
