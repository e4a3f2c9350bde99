package io.longshore.events.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.Patterns;

/**
 * One machine for all rules must answer exactly what each rule's pattern answers alone, and what
 * the plainest use of event-ruler answers: every $or branch with one value per field, each in a
 * machine of its own. (These properties found three event-ruler 2.1.0 bugs; see
 * EventRulerQuirksTest.)
 */
class RuleMachinePropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = List.of("red", "Red", "green", "blue", "bl");
    private static final String NUMBER_FIELD = "detail.size";
    private static final List<String> FIELDS = List.of("source", "detail-type", "detail.color", "detail.tags",
            NUMBER_FIELD);

    @Property(tries = 300)
    void oneMachineAgreesWithEachPatternAlone(@ForAll("rules") Map<String, String> patternByRule,
                                              @ForAll @Size(min = 1, max = 5) List<@From("events") String> events) {
        RuleMachine machine = RuleMachine.compile(patternByRule);

        for (String event : events) {
            Set<String> alone = patternByRule.entrySet().stream()
                    .filter(rule -> EventPatterns.matches(rule.getValue(), event))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Statistics.collect(alone.isEmpty() ? "no rule matches" : alone.size() == patternByRule.size()
                    ? "every rule matches" : "some rules match");
            assertThat(machine.matchingRules(event)).as("event %s", event).isEqualTo(alone);
        }
    }

    @Property(tries = 300)
    void oneMachineAgreesWithEveryValueMatchedAlone(@ForAll("rules") Map<String, String> patternByRule,
                                                    @ForAll @Size(min = 1, max = 5) List<@From("events") String> events) {
        RuleMachine machine = RuleMachine.compile(patternByRule);

        for (String event : events) {
            Set<String> reference = patternByRule.entrySet().stream()
                    .filter(rule -> matchesValueByValue(rule.getValue(), event))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(machine.matchingRules(event)).as("event %s", event).isEqualTo(reference);
        }
    }

    /** The reference: any branch, any one value per field, in a fresh machine with nothing else. */
    private static boolean matchesValueByValue(String pattern, String event) {
        try {
            for (Map<String, List<Patterns>> branch : JsonRuleCompiler.compile(pattern)) {
                List<Map<String, List<Patterns>>> choices = List.of(Map.of());
                for (Map.Entry<String, List<Patterns>> field : branch.entrySet()) {
                    List<Map<String, List<Patterns>>> extended = new ArrayList<>();
                    for (Map<String, List<Patterns>> choice : choices) {
                        for (Patterns value : field.getValue()) {
                            Map<String, List<Patterns>> next = new HashMap<>(choice);
                            next.put(field.getKey(), List.of(value));
                            extended.add(next);
                        }
                    }
                    choices = extended;
                }
                for (Map<String, List<Patterns>> choice : choices) {
                    Machine alone = Machine.builder().build();
                    alone.addPatternRule("alone", choice);
                    if (!alone.rulesForJSONEvent(event).isEmpty()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Map<String, String>> rules() {
        return Arbitraries.maps(Arbitraries.integers().between(0, 99).map(i -> "rule-" + i), pattern())
                .ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> events() {
        Arbitrary<String> word = Arbitraries.of(WORDS);
        Arbitrary<Optional<JsonNode>> color = Arbitraries.oneOf(absentOrNull(), word.map(w -> Optional.of(text(w))));
        Arbitrary<Optional<JsonNode>> size = Arbitraries.oneOf(absentOrNull(),
                Arbitraries.of(0, 1, 5, 10, -3).map(n -> Optional.of(NODES.numberNode(n))),
                Arbitraries.just(Optional.of(NODES.numberNode(2.5))));
        Arbitrary<Optional<JsonNode>> tags = Arbitraries.oneOf(absentOrNull(),
                word.list().ofMaxSize(2).map(ws -> Optional.of(texts(ws))));
        return Combinators.combine(word, word, color, size, tags).as((source, type, c, s, t) -> {
            ObjectNode detail = NODES.objectNode();
            c.ifPresent(v -> detail.set("color", v));
            s.ifPresent(v -> detail.set("size", v));
            t.ifPresent(v -> detail.set("tags", v));
            return TestEvents.envelope(source, type, detail.toString());
        });
    }

    private static Arbitrary<String> pattern() {
        Arbitrary<ObjectNode> conjunction = conjunction();
        Arbitrary<ObjectNode> either = Combinators.combine(conjunction, conjunction).as((a, b) -> {
            ObjectNode or = NODES.objectNode();
            or.set("$or", NODES.arrayNode().add(a).add(b));
            return or;
        });
        return Arbitraries.frequencyOf(
                        Tuple.of(3, conjunction),
                        Tuple.of(1, either))
                .map(JsonNode::toString);
    }

    /** One to three fields, each with a condition; all must hold. */
    private static Arbitrary<ObjectNode> conjunction() {
        return Arbitraries.subsetOf(FIELDS).ofMinSize(1).ofMaxSize(3).flatMap(fields -> {
            List<String> ordered = List.copyOf(fields);
            List<Arbitrary<JsonNode>> conditions = ordered.stream().map(RuleMachinePropertiesTest::condition)
                    .collect(Collectors.toList());
            return Combinators.combine(conditions).as(values -> {
                ObjectNode pattern = NODES.objectNode();
                for (int i = 0; i < ordered.size(); i++) {
                    put(pattern, ordered.get(i), values.get(i));
                }
                return pattern;
            });
        });
    }

    private static Arbitrary<JsonNode> condition(String field) {
        return NUMBER_FIELD.equals(field) ? numberCondition() : stringCondition();
    }

    private static Arbitrary<JsonNode> stringCondition() {
        Arbitrary<String> word = Arbitraries.of(WORDS);
        return Arbitraries.oneOf(
                word.map(w -> array(text(w))),
                word.list().ofMinSize(2).ofMaxSize(3).map(RuleMachinePropertiesTest::texts),
                Arbitraries.of("r", "bl", "gr", "R").map(p -> array(operator("prefix", text(p)))),
                Arbitraries.of("R", "BL").map(p -> array(operator("prefix", operator("equals-ignore-case", text(p))))),
                Arbitraries.of("ed", "ue", "n").map(s -> array(operator("suffix", text(s)))),
                word.map(w -> array(operator("equals-ignore-case", text(w)))),
                Arbitraries.of("*e*", "r*", "b*e").map(w -> array(operator("wildcard", text(w)))),
                word.map(w -> array(operator("anything-but", text(w)))),
                word.list().ofMinSize(2).ofMaxSize(3).map(ws -> array(operator("anything-but", texts(ws)))),
                Arbitraries.of("r", "bl").map(p -> array(operator("anything-but", operator("prefix", text(p))))),
                Arbitraries.of("ED", "UE", "N").map(s -> array(operator("suffix", operator("equals-ignore-case", text(s))))),
                word.map(w -> array(operator("anything-but", operator("equals-ignore-case", text(w.toUpperCase()))))),
                Arbitraries.of("ed", "ue").map(s -> array(operator("anything-but", operator("suffix", text(s))))),
                Arbitraries.of("*e*", "r*").map(w -> array(operator("anything-but", operator("wildcard", text(w))))),
                Combinators.combine(Arbitraries.of("R", "BL"), word).as((p, w) ->
                        NODES.arrayNode().add(operator("prefix", operator("equals-ignore-case", text(p)))).add(w)),
                Arbitraries.of(true, false).map(b -> array(operator("exists", NODES.booleanNode(b)))),
                Arbitraries.just(array(NODES.nullNode())));
    }

    private static Arbitrary<JsonNode> numberCondition() {
        Arbitrary<Integer> number = Arbitraries.of(-3, 0, 1, 5, 10);
        return Arbitraries.oneOf(
                number.map(n -> array(NODES.numberNode(n))),
                number.map(n -> array(operator("numeric", NODES.arrayNode().add(">").add(n)))),
                Combinators.combine(number, number).as((a, b) ->
                        array(operator("numeric", NODES.arrayNode().add(">=").add(Math.min(a, b)).add("<")
                                .add(Math.max(a, b) + 1)))),
                number.map(n -> array(operator("anything-but", NODES.numberNode(n)))),
                Arbitraries.of(true, false).map(b -> array(operator("exists", NODES.booleanNode(b)))),
                Arbitraries.just(array(NODES.nullNode())));
    }

    private static Arbitrary<Optional<JsonNode>> absentOrNull() {
        return Arbitraries.of(Optional.empty(), Optional.of(NODES.nullNode()));
    }

    private static void put(ObjectNode pattern, String dottedField, JsonNode condition) {
        String[] steps = dottedField.split("\\.");
        ObjectNode parent = pattern;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.has(steps[i]) ? (ObjectNode) parent.get(steps[i]) : parent.putObject(steps[i]);
        }
        parent.set(steps[steps.length - 1], condition);
    }

    private static ObjectNode operator(String name, JsonNode argument) {
        ObjectNode operator = NODES.objectNode();
        operator.set(name, argument);
        return operator;
    }

    private static ArrayNode array(JsonNode element) {
        return NODES.arrayNode().add(element);
    }

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    private static ArrayNode texts(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
