package io.longshore.events.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * event-ruler 2.1.0 bugs that RuleMachine works around, each shown twice: the library alone
 * (pinned, so that an upgrade which fixes it fails here and the workaround can go) and through
 * RuleMachine / EventPatterns (which must answer right).
 */
class EventRulerQuirksTest {
    private static final String RED = "{\"c\": \"Red\"}";

    /** Two branches of one rule that share a value: the second branch's other value is lost. */
    @Test
    void overlappingBranchesOfOneRule() throws Exception {
        String pattern = "{\"$or\": [{\"c\": [\"blue\"]}, {\"c\": [\"blue\", \"Red\"]}]}";

        Machine library = Machine.builder().build();
        library.addRule("r", pattern);
        assertThat(library.rulesForJSONEvent(RED)).as("event-ruler alone").isEmpty();

        assertThat(EventPatterns.matches(pattern, RED)).isTrue();
        assertThat(RuleMachine.compile(Map.of("r", pattern, "s", "{\"c\": [\"blue\"]}")).matchingRules(RED))
                .containsExactly("r");
    }

    /**
     * An exact value and a range on one field, next to a rule with that exact value: the first
     * rule is missed in about half of the machines (the automaton depends on identity hashes).
     */
    @Test
    void exactValueWithARangeNextToTheSameExactValue() throws Exception {
        String withRange = "{\"size\": [null, {\"numeric\": [\"<\", 2]}]}";
        String exact = "{\"size\": [null]}";
        String event = "{\"size\": null}";

        int missed = 0;
        for (int i = 0; i < 100; i++) {
            Machine library = Machine.builder().build();
            library.addRule("range", withRange);
            library.addRule("exact", exact);
            missed += library.rulesForJSONEvent(event).contains("range") ? 0 : 1;
        }
        assertThat(missed).as("machines of event-ruler alone that miss the rule").isPositive();

        for (int i = 0; i < 100; i++) {
            assertThat(RuleMachine.compile(Map.of("range", withRange, "exact", exact)).matchingRules(event))
                    .containsExactlyInAnyOrder("range", "exact");
        }
    }

    /** Case-insensitive prefix next to other values of the field: an exact value matches another case. */
    @Test
    void caseInsensitivePrefixNextToAnExactValue() throws Exception {
        Machine library = Machine.builder().build();
        library.addRule("prefix", "{\"c\": [{\"prefix\": {\"equals-ignore-case\": \"R\"}}]}");
        library.addRule("ignoring-case", "{\"c\": [{\"equals-ignore-case\": \"red\"}]}");
        library.addRule("exact", "{\"c\": [\"red\"]}");
        assertThat(library.rulesForJSONEvent(RED)).as("event-ruler alone").contains("exact");

        RuleMachine machine = RuleMachine.compile(Map.of(
                "prefix", "{\"c\": [{\"prefix\": {\"equals-ignore-case\": \"R\"}}]}",
                "ignoring-case", "{\"c\": [{\"equals-ignore-case\": \"red\"}]}",
                "exact", "{\"c\": [\"red\"]}"));
        assertThat(machine.matchingRules(RED)).containsExactlyInAnyOrder("prefix", "ignoring-case");
        assertThat(machine.matchingRules("{\"c\": \"red\"}")).containsExactlyInAnyOrder("prefix", "ignoring-case",
                "exact");
    }

    /** Case-insensitive suffix in one list with anything-but wildcard: "green" matches neither, yet matched. */
    @Test
    void caseInsensitiveSuffixNextToAnythingButWildcard() throws Exception {
        String pattern = "{\"c\": [{\"anything-but\": {\"wildcard\": \"*e*\"}}, {\"suffix\": {\"equals-ignore-case\": \"ED\"}}]}";

        Machine library = Machine.builder().build();
        library.addRule("r", pattern);
        assertThat(library.rulesForJSONEvent("{\"c\": \"green\"}")).as("event-ruler alone").containsExactly("r");

        assertThat(EventPatterns.matches(pattern, "{\"c\": \"green\"}")).isFalse();
        assertThat(EventPatterns.matches(pattern, "{\"c\": \"REd\"}")).isTrue();
        assertThat(EventPatterns.matches(pattern, "{\"c\": \"blu\"}")).isTrue();
    }

    @Test
    void tooManyCaseInsensitiveAffixCombinationsAreRefused() {
        StringBuilder pattern = new StringBuilder("{");
        for (int field = 0; field < 4; field++) {
            pattern.append(field == 0 ? "" : ", ").append("\"f").append(field).append("\": [\"x\"");
            for (int value = 0; value < 6; value++) {
                pattern.append(", {\"prefix\": {\"equals-ignore-case\": \"p").append(value).append("\"}}");
            }
            pattern.append("]");
        }
        pattern.append("}");

        assertThat(EventPatterns.check(pattern.toString()))
                .hasValueSatisfying(m -> assertThat(m).contains("Too many combinations"));
    }
}
