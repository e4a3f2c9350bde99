package io.longshore.events.pattern;

import java.util.Optional;

/** An event pattern that event-ruler refuses; the message is the library's own explanation. */
public final class InvalidPatternException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String ruleName;
    private final String explanation;

    public InvalidPatternException(String explanation) {
        this(null, explanation);
    }

    private InvalidPatternException(String ruleName, String explanation) {
        super(ruleName == null ? explanation : "Rule " + ruleName + ": " + explanation);
        this.ruleName = ruleName;
        this.explanation = explanation;
    }

    /** The same problem, attributed to the rule whose pattern it is. */
    InvalidPatternException forRule(String name) {
        InvalidPatternException named = new InvalidPatternException(name, explanation);
        named.initCause(this);
        return named;
    }

    /** The rule whose pattern is invalid, when the pattern belonged to a named rule. */
    public Optional<String> ruleName() {
        return Optional.ofNullable(ruleName);
    }

    /** The library's explanation, without the rule's name. */
    public String explanation() {
        return explanation;
    }
}
