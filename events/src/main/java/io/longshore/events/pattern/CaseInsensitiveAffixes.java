package io.longshore.events.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.MatchType;
import software.amazon.event.ruler.Patterns;

/**
 * Works around event-ruler 2.1.0 mis-matching {@code {"prefix": {"equals-ignore-case": ...}}}
 * and {@code {"suffix": {"equals-ignore-case": ...}}} when they share a field's automaton with
 * other values: e.g. with {@code [{"anything-but": {"wildcard": "*e*"}}, {"suffix":
 * {"equals-ignore-case": "ED"}}]} the value "green" matches, and a rule {@code ["red"]} can match
 * "Red" once such rules sit in the same machine. A rule using them is therefore split into pieces
 * (each such value alone on its field, by distributing the field's "any of" over the piece), and
 * each piece gets a machine of its own. Found by {@code RuleMachinePropertiesTest}.
 */
final class CaseInsensitiveAffixes {
    /** The most pieces one rule may split into; beyond that the pattern is refused. */
    static final int MAX_PIECES = 1000;

    private CaseInsensitiveAffixes() {
    }

    static boolean usedBy(List<Map<String, List<Patterns>>> subRules) {
        return subRules.stream().flatMap(subRule -> subRule.values().stream())
                .flatMap(List::stream).anyMatch(CaseInsensitiveAffixes::isAffix);
    }

    /**
     * Sub-rules equivalent to the given ones (their "or"), in which every case-insensitive affix
     * value is the only value of its field.
     */
    static List<Map<String, List<Patterns>>> split(List<Map<String, List<Patterns>>> subRules) {
        List<Map<String, List<Patterns>>> pieces = new ArrayList<>();
        for (Map<String, List<Patterns>> subRule : subRules) {
            List<Map<String, List<Patterns>>> ofThisSubRule = new ArrayList<>();
            ofThisSubRule.add(subRule);
            for (Map.Entry<String, List<Patterns>> field : subRule.entrySet()) {
                List<List<Patterns>> alternatives = alternatives(field.getValue());
                if (alternatives.size() > 1) {
                    ofThisSubRule = distribute(ofThisSubRule, field.getKey(), alternatives);
                }
            }
            pieces.addAll(ofThisSubRule);
            if (pieces.size() > MAX_PIECES) {
                throw new InvalidPatternException("Too many combinations of case-insensitive prefix/suffix values"
                        + " (more than " + MAX_PIECES + ")");
            }
        }
        return pieces;
    }

    /** Each affix value on its own, and the field's other values together. */
    private static List<List<Patterns>> alternatives(List<Patterns> values) {
        List<List<Patterns>> alternatives = new ArrayList<>();
        List<Patterns> others = new ArrayList<>();
        for (Patterns value : values) {
            if (isAffix(value)) {
                alternatives.add(List.of(value));
            } else {
                others.add(value);
            }
        }
        if (!others.isEmpty() && !alternatives.isEmpty()) {
            alternatives.add(others);
        }
        return alternatives.isEmpty() ? List.of(values) : alternatives;
    }

    private static List<Map<String, List<Patterns>>> distribute(List<Map<String, List<Patterns>>> pieces,
                                                                String field, List<List<Patterns>> alternatives) {
        List<Map<String, List<Patterns>>> distributed = new ArrayList<>();
        for (Map<String, List<Patterns>> piece : pieces) {
            for (List<Patterns> alternative : alternatives) {
                Map<String, List<Patterns>> copy = new HashMap<>(piece);
                copy.put(field, alternative);
                distributed.add(copy);
            }
            if (distributed.size() > MAX_PIECES) {
                throw new InvalidPatternException("Too many combinations of case-insensitive prefix/suffix values"
                        + " (more than " + MAX_PIECES + ")");
            }
        }
        return distributed;
    }

    private static boolean isAffix(Patterns value) {
        return value.type() == MatchType.PREFIX_EQUALS_IGNORE_CASE || value.type() == MatchType.SUFFIX_EQUALS_IGNORE_CASE;
    }
}
