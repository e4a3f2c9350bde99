package io.longshore.events.pattern;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.event.ruler.Machine;

/**
 * The rules of one event bus compiled into ONE event-ruler Machine (not a loop over rules), so
 * matching costs the same for 1 or 1,000 rules. Immutable once built; matching is thread-safe:
 * event-ruler's machine allows any number of concurrent readers, and this one is never written to
 * after construction (a change of rules builds a new RuleMachine).
 */
public final class RuleMachine {
    private static final RuleMachine EMPTY = new RuleMachine(Machine.builder().build(), 0);

    private final Machine machine;
    private final int size;

    private RuleMachine(Machine machine, int size) {
        this.machine = machine;
        this.size = size;
    }

    /** @throws InvalidPatternException naming the rule whose pattern is invalid */
    public static RuleMachine compile(Map<String, String> patternByRuleName) {
        Objects.requireNonNull(patternByRuleName, "patternByRuleName");
        Machine machine = Machine.builder().build();
        // sorted, so that with several invalid patterns the same one is reported every time
        for (Map.Entry<String, String> rule : new TreeMap<>(patternByRuleName).entrySet()) {
            try {
                PatternCompiler.add(machine, rule.getKey(), PatternCompiler.subRules(rule.getValue()));
            } catch (InvalidPatternException e) {
                throw e.forRule(rule.getKey());
            }
        }
        return new RuleMachine(machine, patternByRuleName.size());
    }

    public static RuleMachine empty() {
        return EMPTY;
    }

    /**
     * The names of the rules whose pattern the event (envelope JSON) matches.
     *
     * @throws IllegalArgumentException when the event is not JSON
     */
    public Set<String> matchingRules(String eventJson) {
        return Set.copyOf(PatternCompiler.rulesFor(machine, eventJson));
    }

    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "RuleMachine[" + size + " rules]";
    }
}
