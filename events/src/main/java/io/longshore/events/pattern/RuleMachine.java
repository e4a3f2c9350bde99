package io.longshore.events.pattern;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.Patterns;

/**
 * The rules of one event bus compiled into ONE event-ruler machine (not a loop over rules), so
 * matching costs about the same for 1 or 1,000 rules. event-ruler 2.1.0 gets some combinations
 * wrong; the workarounds: every {@code $or} branch is added under a name of its own
 * ({@link Branch}), machines reuse name states ({@link PatternCompiler#newMachine()}), and a rule
 * using case-insensitive prefix/suffix is split into pieces with a machine each
 * ({@link CaseInsensitiveAffixes}), so that it is a loop only over such rules.
 *
 * <p>Immutable once built; matching is thread-safe: event-ruler's machine allows any number of
 * concurrent readers, and these machines are never written to after construction (a change of
 * rules builds a new RuleMachine).
 */
public final class RuleMachine {
    private static final String UNNAMED = "pattern";
    private static final RuleMachine EMPTY = new RuleMachine(PatternCompiler.newMachine(), List.of(), 0);

    private final GenericMachine<Branch> shared;
    private final List<IsolatedRule> isolated;
    private final int size;

    private RuleMachine(GenericMachine<Branch> shared, List<IsolatedRule> isolated, int size) {
        this.shared = shared;
        this.isolated = isolated;
        this.size = size;
    }

    /** @throws InvalidPatternException naming the rule whose pattern is invalid */
    public static RuleMachine compile(Map<String, String> patternByRuleName) {
        Objects.requireNonNull(patternByRuleName, "patternByRuleName");
        GenericMachine<Branch> shared = PatternCompiler.newMachine();
        List<IsolatedRule> isolated = new ArrayList<>();
        // sorted, so that with several invalid patterns the same one is reported every time
        for (Map.Entry<String, String> rule : new TreeMap<>(patternByRuleName).entrySet()) {
            try {
                add(rule.getKey(), rule.getValue(), shared, isolated);
            } catch (InvalidPatternException e) {
                throw e.forRule(rule.getKey());
            }
        }
        return new RuleMachine(shared, List.copyOf(isolated), patternByRuleName.size());
    }

    /** One pattern on its own, refused without a rule's name. */
    static RuleMachine of(String pattern) {
        GenericMachine<Branch> shared = PatternCompiler.newMachine();
        List<IsolatedRule> isolated = new ArrayList<>();
        add(UNNAMED, pattern, shared, isolated);
        return new RuleMachine(shared, List.copyOf(isolated), 1);
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
        Set<String> names = new HashSet<>();
        for (Branch branch : PatternCompiler.rulesFor(shared, eventJson)) {
            names.add(branch.rule());
        }
        for (IsolatedRule rule : isolated) {
            if (rule.matches(eventJson)) {
                names.add(rule.name());
            }
        }
        return Set.copyOf(names);
    }

    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "RuleMachine[" + size + " rules, " + isolated.size() + " in machines of their own]";
    }

    private static void add(String name, String pattern, GenericMachine<Branch> shared, List<IsolatedRule> isolated) {
        List<Map<String, List<Patterns>>> subRules = PatternCompiler.subRules(pattern);
        if (!CaseInsensitiveAffixes.usedBy(subRules)) {
            PatternCompiler.add(shared, name, subRules);
            return;
        }
        List<GenericMachine<Branch>> pieces = new ArrayList<>();
        for (Map<String, List<Patterns>> piece : CaseInsensitiveAffixes.split(subRules)) {
            GenericMachine<Branch> machine = PatternCompiler.newMachine();
            PatternCompiler.add(machine, name, List.of(piece));
            pieces.add(machine);
        }
        isolated.add(new IsolatedRule(name, List.copyOf(pieces)));
    }

    /** A rule matched piece by piece: it matches when any piece does. */
    private record IsolatedRule(String name, List<GenericMachine<Branch>> pieces) {
        boolean matches(String eventJson) {
            for (GenericMachine<Branch> piece : pieces) {
                if (!PatternCompiler.rulesFor(piece, eventJson).isEmpty()) {
                    return true;
                }
            }
            return false;
        }
    }
}
