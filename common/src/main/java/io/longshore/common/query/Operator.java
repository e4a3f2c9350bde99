package io.longshore.common.query;

import java.util.Optional;

/**
 * The operators of ECS's cluster query language, each with its symbol and its word form. A negative
 * operator is exactly the negation of its positive twin, so a missing value satisfies {@code !=}.
 */
public enum Operator {
    EQUALS("==", "equals", Arity.VALUE),
    NOT_EQUALS("!=", "not_equals", Arity.VALUE),
    GREATER_THAN(">", "greater_than", Arity.VALUE),
    GREATER_THAN_EQUAL(">=", "greater_than_equal", Arity.VALUE),
    LESS_THAN("<", "less_than", Arity.VALUE),
    LESS_THAN_EQUAL("<=", "less_than_equal", Arity.VALUE),
    MATCHES("=~", "matches", Arity.REGEX),
    NOT_MATCHES("!~", "not_matches", Arity.REGEX),
    IN("in", "in", Arity.LIST),
    NOT_IN("!in", "not_in", Arity.LIST),
    EXISTS("exists", "exists", Arity.NONE),
    NOT_EXISTS("!exists", "not_exists", Arity.NONE);

    /** What an operator takes as its argument. */
    public enum Arity { NONE, VALUE, LIST, REGEX }

    private final String symbol;
    private final String word;
    private final Arity arity;

    Operator(String symbol, String word, Arity arity) {
        this.symbol = symbol;
        this.word = word;
        this.arity = arity;
    }

    public String symbol() {
        return symbol;
    }

    public String word() {
        return word;
    }

    public Arity arity() {
        return arity;
    }

    /** True for the operators that are the negation of another ({@code !=}, {@code !in}, ...). */
    public boolean negated() {
        return switch (this) {
            case NOT_EQUALS, NOT_MATCHES, NOT_IN, NOT_EXISTS -> true;
            default -> false;
        };
    }

    /** The positive twin of a negated operator; itself otherwise. */
    public Operator positive() {
        return switch (this) {
            case NOT_EQUALS -> EQUALS;
            case NOT_MATCHES -> MATCHES;
            case NOT_IN -> IN;
            case NOT_EXISTS -> EXISTS;
            default -> this;
        };
    }

    /** The operator spelled this way (symbol or word form), if any. */
    public static Optional<Operator> fromText(String text) {
        for (Operator op : values()) {
            if (op.symbol.equals(text) || op.word.equals(text)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
