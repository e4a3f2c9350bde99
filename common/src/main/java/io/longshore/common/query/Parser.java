package io.longshore.common.query;

import io.longshore.common.query.Expression.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive descent over the tokens; precedence not > and > or, binary operators left-associative.
 * <pre>
 * or        := and (("or" | "||") and)*
 * and       := unary (("and" | "&amp;&amp;") unary)*
 * unary     := ("not" | "!") unary | "(" or ")" | condition
 * condition := subject operator [value | "[" value ("," value)* "]"]
 * </pre>
 */
final class Parser {
    static final String SUBJECTS = "a subject (attribute:<name>, ec2InstanceId, agentConnected, agentVersion, "
            + "registeredAt, runningTasksCount or task:group)";
    private static final String DATE = "a date (2018-02-13, 2018-02-13T22:28:28, 2018-02-13T22:28:28Z "
            + "or 2018-02-13T22:28:28+00:00)";

    private final List<Token> tokens;
    private int next;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expression parse(String text) {
        Parser parser = new Parser(Lexer.tokenize(text));
        Expression expression = parser.or();
        Token end = parser.peek();
        if (end.type() != Token.Type.END) {
            throw QuerySyntaxException.unexpected(end, "'and', 'or' or the end of the expression");
        }
        return expression;
    }

    static boolean isKeyword(String word) {
        return word.equalsIgnoreCase("and") || word.equalsIgnoreCase("or") || word.equalsIgnoreCase("not");
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private Expression or() {
        Expression left = and();
        while (peek().isWord("or") || peek().isSymbol("||")) {
            take();
            left = new Expression.Or(left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = unary();
        while (peek().isWord("and") || peek().isSymbol("&&")) {
            take();
            left = new Expression.And(left, unary());
        }
        return left;
    }

    private Expression unary() {
        Token token = peek();
        if (token.isWord("not") || token.isSymbol("!")) {
            take();
            return new Expression.Not(unary());
        }
        if (token.type() == Token.Type.LPAREN) {
            take();
            Expression inner = or();
            Token close = take();
            if (close.type() != Token.Type.RPAREN) {
                throw QuerySyntaxException.unexpected(close, "'and', 'or' or ')'");
            }
            return inner;
        }
        return condition();
    }

    private Condition condition() {
        Subject subject = subject(take());
        Token opToken = take();
        Operator operator = operator(opToken)
                .orElseThrow(() -> QuerySyntaxException.unexpected(opToken, "an operator"));
        Expression.Argument argument = switch (operator.arity()) {
            case NONE -> new Expression.NoArgument();
            case VALUE -> new Expression.Value(value(subject, take()));
            case REGEX -> new Expression.Regex(regex(take()));
            case LIST -> new Expression.Values(list(subject));
        };
        return new Condition(subject, operator, argument);
    }

    private static Subject subject(Token token) {
        if (token.type() != Token.Type.WORD || isKeyword(token.text())) {
            throw QuerySyntaxException.unexpected(token, SUBJECTS);
        }
        String text = token.text();
        if (text.startsWith(Subject.Kind.ATTRIBUTE.text())) {
            String name = text.substring(Subject.Kind.ATTRIBUTE.text().length());
            if (!Subject.ATTRIBUTE_NAME.matcher(name).matches()) {
                throw QuerySyntaxException.unexpected(token, "an attribute name of 1 to 128 of [A-Za-z0-9-_/.]");
            }
            return Subject.attribute(name);
        }
        for (Subject.Kind kind : Subject.Kind.values()) {
            if (kind != Subject.Kind.ATTRIBUTE && kind.text().equals(text)) {
                return Subject.of(kind);
            }
        }
        throw QuerySyntaxException.unexpected(token, SUBJECTS);
    }

    private static Optional<Operator> operator(Token token) {
        if (token.type() != Token.Type.WORD && token.type() != Token.Type.SYMBOL) {
            return Optional.empty();
        }
        return Operator.fromText(token.text());
    }

    /** A value, checked against what the subject holds: a date, a count, true or false. */
    private static Literal value(Subject subject, Token token) {
        boolean isValue = token.type() == Token.Type.QUOTED
                || token.type() == Token.Type.WORD && !isKeyword(token.text());
        if (!isValue) {
            throw QuerySyntaxException.unexpected(token, "a value");
        }
        Literal literal = Literal.of(token.text());
        switch (subject.kind()) {
            case REGISTERED_AT -> {
                if (literal.instant() == null) {
                    throw QuerySyntaxException.unexpected(token, DATE);
                }
            }
            case RUNNING_TASKS_COUNT -> {
                if (literal.number() == null) {
                    throw QuerySyntaxException.unexpected(token, "a number");
                }
            }
            case AGENT_CONNECTED -> {
                if (!literal.text().equals("true") && !literal.text().equals("false")) {
                    throw QuerySyntaxException.unexpected(token, "true or false");
                }
            }
            default -> {
            }
        }
        return literal;
    }

    private static Pattern regex(Token token) {
        boolean isValue = token.type() == Token.Type.QUOTED
                || token.type() == Token.Type.WORD && !isKeyword(token.text());
        if (!isValue) {
            throw QuerySyntaxException.unexpected(token, "a regular expression");
        }
        try {
            return Pattern.compile(token.text());
        } catch (PatternSyntaxException e) {
            throw new QuerySyntaxException("invalid regular expression '" + token.text() + "'", token.position(),
                    token.text(), "a Java regular expression (" + e.getDescription() + ")");
        }
    }

    private List<Literal> list(Subject subject) {
        Token open = take();
        if (open.type() != Token.Type.LBRACKET) {
            throw QuerySyntaxException.unexpected(open, "'[' to start a list of values");
        }
        List<Literal> values = new ArrayList<>();
        values.add(value(subject, take()));
        while (true) {
            Token token = take();
            if (token.type() == Token.Type.RBRACKET) {
                return values;
            }
            if (token.type() != Token.Type.COMMA) {
                throw QuerySyntaxException.unexpected(token, "',' or ']'");
            }
            values.add(value(subject, take()));
        }
    }
}
