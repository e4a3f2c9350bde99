package io.longshore.events.pattern;

import java.util.Optional;

/** One event pattern on its own: is it valid, does an event match it. */
public final class EventPatterns {
    private EventPatterns() {
    }

    /** Empty when the pattern is a valid event pattern; otherwise event-ruler's own explanation (from JsonRuleCompiler.check). */
    public static Optional<String> check(String pattern) {
        try {
            // building the machine also surfaces the limits event-ruler enforces only when adding
            RuleMachine.of(pattern);
            return Optional.empty();
        } catch (InvalidPatternException e) {
            return Optional.of(e.explanation());
        }
    }

    /**
     * Whether the event JSON matches the pattern, exactly as a {@link RuleMachine} holding this
     * pattern among others would answer.
     *
     * @throws InvalidPatternException when the pattern is invalid
     * @throws IllegalArgumentException when the event is not JSON
     */
    public static boolean matches(String pattern, String eventJson) {
        return !RuleMachine.of(pattern).matchingRules(eventJson).isEmpty();
    }
}
