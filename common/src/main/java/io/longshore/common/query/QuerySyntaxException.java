package io.longshore.common.query;

/**
 * A cluster query that does not parse: where (1-based character position), what was found and
 * what was expected there, e.g. {@code unexpected 'xyz' at position 17: expected an operator}.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
    private final int position;
    private final String found;
    private final String expected;

    QuerySyntaxException(String problem, int position, String found, String expected) {
        super(problem + " at position " + position + ": expected " + expected);
        this.position = position;
        this.found = found;
        this.expected = expected;
    }

    static QuerySyntaxException unexpected(Token token, String expected) {
        String problem = token.type() == Token.Type.END ? "unexpected end of expression"
                : "unexpected '" + token.text() + "'";
        return new QuerySyntaxException(problem, token.position(), token.text(), expected);
    }

    /** The 1-based character position of the offending token. */
    public int position() {
        return position;
    }

    /** The offending text; empty at the end of the expression. */
    public String found() {
        return found;
    }

    public String expected() {
        return expected;
    }
}
