package io.longshore.events.pattern;

import java.util.Optional;
import software.amazon.event.ruler.Machine;

/** One event pattern on its own: is it valid, does an event match it. */
public final class EventPatterns {
    private static final String RULE = "pattern";

    private EventPatterns() {
    }

    /** Empty when the pattern is a valid event pattern; otherwise event-ruler's own explanation (from JsonRuleCompiler.check). */
    public static Optional<String> check(String pattern) {
        try {
            // adding to a scratch machine also surfaces the limits event-ruler enforces only when adding
            PatternCompiler.add(Machine.builder().build(), RULE, PatternCompiler.subRules(pattern));
            return Optional.empty();
        } catch (InvalidPatternException e) {
            return Optional.of(e.explanation());
        }
    }

    /**
     * Whether the event JSON matches the pattern.
     *
     * @throws InvalidPatternException when the pattern is invalid
     * @throws IllegalArgumentException when the event is not JSON
     */
    public static boolean matches(String pattern, String eventJson) {
        Machine machine = Machine.builder().build();
        PatternCompiler.add(machine, RULE, PatternCompiler.subRules(pattern));
        return !PatternCompiler.rulesFor(machine, eventJson).isEmpty();
    }
}
