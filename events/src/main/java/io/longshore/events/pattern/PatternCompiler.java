package io.longshore.events.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.longshore.common.messaging.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Patterns;

/** The one place that turns pattern text into event-ruler sub-rules and feeds them to machines. */
final class PatternCompiler {
    private PatternCompiler() {
    }

    /**
     * A fresh machine. Additional name-state reuse is on because without it event-ruler 2.1.0
     * (and 1.8.1) builds the automaton differently from run to run, and a rule with an exact
     * value and a numeric range on a field (e.g. {@code [null, {"numeric": ["<", 2]}]}) is
     * missed in about half of the machines that also hold a rule with that exact value on that
     * field. Found by {@code RuleMachinePropertiesTest}.
     */
    static GenericMachine<Branch> newMachine() {
        return GenericMachine.<Branch>builder().withAdditionalNameStateReuse(true).build();
    }

    /**
     * The pattern's sub-rules (one per {@code $or} branch), compiled by event-ruler.
     *
     * @throws InvalidPatternException with event-ruler's explanation
     */
    static List<Map<String, List<Patterns>>> subRules(String pattern) {
        if (pattern == null) {
            throw new InvalidPatternException("Event pattern is missing");
        }
        String explanation = JsonRuleCompiler.check(pattern);
        if (explanation != null) {
            throw new InvalidPatternException(explanation);
        }
        // event-ruler stops reading after the pattern's object, so "{...} junk" passes its check
        rejectTrailingContent(pattern);
        try {
            return JsonRuleCompiler.compile(pattern);
        } catch (IOException | RuntimeException e) {
            // check() reports getLocalizedMessage(), which may be null: never let that pass as valid
            throw new InvalidPatternException(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /**
     * Adds every sub-rule as a branch of the rule: a match of any branch is a match of the rule.
     *
     * @throws InvalidPatternException for what event-ruler only detects while adding (e.g. more
     *         than 256 fields in one sub-rule)
     */
    static void add(GenericMachine<Branch> machine, String ruleName, List<Map<String, List<Patterns>>> subRules) {
        try {
            for (int i = 0; i < subRules.size(); i++) {
                machine.addPatternRule(new Branch(ruleName, i), subRules.get(i));
            }
        } catch (RuntimeException e) {
            throw new InvalidPatternException(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** The branches in the machine that the event matches, array-consistently. */
    static List<Branch> rulesFor(GenericMachine<Branch> machine, String eventJson) {
        try {
            return machine.rulesForJSONEvent(eventJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("Event is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void rejectTrailingContent(String pattern) {
        try (JsonParser parser = Json.MAPPER.createParser(pattern)) {
            parser.nextToken();
            parser.skipChildren();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new InvalidPatternException("Unexpected content after the pattern's JSON object: "
                        + trailing + " at " + parser.currentLocation().offsetDescription());
            }
        } catch (IOException e) {
            throw new InvalidPatternException(e.getMessage());
        }
    }
}
