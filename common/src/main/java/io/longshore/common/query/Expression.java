package io.longshore.common.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed cluster query: an immutable tree of conditions joined by {@code and}, {@code or} and
 * {@code not}. Built by {@link ClusterQuery#parse}; every node is checked when it is made, so a
 * tree that exists can be evaluated without errors.
 */
public sealed interface Expression {

    /** Whether an instance with these facts satisfies the expression. */
    boolean matches(InstanceFacts facts);

    /** Canonical text that parses back to an equal expression. */
    String render();

    /** Either side holds. */
    record Or(Expression left, Expression right) implements Expression {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean matches(InstanceFacts facts) {
            return left.matches(facts) || right.matches(facts);
        }

        @Override
        public String render() {
            // parsing is left-associative, so a right-hand Or needs its parentheses to come back as it was
            return left.render() + " or " + (right instanceof Or ? "(" + right.render() + ")" : right.render());
        }
    }

    /** Both sides hold. */
    record And(Expression left, Expression right) implements Expression {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean matches(InstanceFacts facts) {
            return left.matches(facts) && right.matches(facts);
        }

        @Override
        public String render() {
            String l = left instanceof Or ? "(" + left.render() + ")" : left.render();
            String r = right instanceof Or || right instanceof And ? "(" + right.render() + ")" : right.render();
            return l + " and " + r;
        }
    }

    /** The operand does not hold. */
    record Not(Expression operand) implements Expression {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public boolean matches(InstanceFacts facts) {
            return !operand.matches(facts);
        }

        @Override
        public String render() {
            return "not (" + operand.render() + ")";
        }
    }

    /** What an operator is applied to. */
    sealed interface Argument {
    }

    /** No argument: {@code exists}, {@code !exists}. */
    record NoArgument() implements Argument {
    }

    /** One value: {@code ==}, {@code !=}, {@code >}, ... */
    record Value(Literal value) implements Argument {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A non-empty list: {@code in}, {@code !in}. */
    record Values(List<Literal> values) implements Argument {
        public Values {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an in-list needs at least one value");
            }
        }
    }

    /** A compiled Java regular expression: {@code =~}, {@code !~}. Equal when the pattern text is. */
    record Regex(Pattern pattern) implements Argument {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex other && other.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }

        @Override
        public String toString() {
            return "Regex[" + pattern.pattern() + "]";
        }
    }

    /**
     * {@code subject operator [argument]}. For {@code task:group} a positive operator holds when
     * any task on the instance satisfies it; a negative one is the negation of its positive twin,
     * so {@code task:group != database} means no task of that group is there.
     */
    record Condition(Subject subject, Operator operator, Argument argument) implements Expression {
        public Condition {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(argument, "argument");
            boolean fits = switch (operator.arity()) {
                case NONE -> argument instanceof NoArgument;
                case VALUE -> argument instanceof Value;
                case LIST -> argument instanceof Values;
                case REGEX -> argument instanceof Regex;
            };
            if (!fits) {
                throw new IllegalArgumentException(operator + " does not take " + argument);
            }
        }

        @Override
        public boolean matches(InstanceFacts facts) {
            Operator positive = operator.positive();
            boolean holds;
            switch (subject.kind()) {
                case TASK_GROUP -> {
                    holds = false;
                    for (String group : facts.taskGroups()) {
                        if (test(positive, group)) {
                            holds = true;
                            break;
                        }
                    }
                }
                case REGISTERED_AT -> holds = testInstant(positive, facts.registeredAt());
                case RUNNING_TASKS_COUNT -> holds = test(positive, Integer.toString(facts.runningTasksCount()));
                case AGENT_CONNECTED -> holds = test(positive, Boolean.toString(facts.agentConnected()));
                case AGENT_VERSION -> holds = test(positive, facts.agentVersion());
                case EC2_INSTANCE_ID -> holds = test(positive, facts.instanceId());
                case ATTRIBUTE -> holds = test(positive, facts.attributes().get(subject.attribute()));
                default -> throw new IllegalStateException(subject.kind().name());
            }
            return operator.negated() != holds;
        }

        private boolean test(Operator positive, String actual) {
            if (actual == null) {
                return false;
            }
            return switch (positive) {
                case EXISTS -> true;
                case MATCHES -> ((Regex) argument).pattern().matcher(actual).matches();
                case IN -> {
                    for (Literal value : ((Values) argument).values()) {
                        if (compare(actual, value) == 0) {
                            yield true;
                        }
                    }
                    yield false;
                }
                default -> holds(positive, compare(actual, ((Value) argument).value()));
            };
        }

        private boolean testInstant(Operator positive, Instant actual) {
            if (actual == null) {
                return false;
            }
            return switch (positive) {
                case EXISTS -> true;
                case MATCHES -> ((Regex) argument).pattern().matcher(actual.toString()).matches();
                case IN -> ((Values) argument).values().stream().anyMatch(v -> actual.equals(v.instant()));
                default -> holds(positive, actual.compareTo(((Value) argument).value().instant()));
            };
        }

        private static boolean holds(Operator op, int comparison) {
            return switch (op) {
                case EQUALS -> comparison == 0;
                case GREATER_THAN -> comparison > 0;
                case GREATER_THAN_EQUAL -> comparison >= 0;
                case LESS_THAN -> comparison < 0;
                case LESS_THAN_EQUAL -> comparison <= 0;
                default -> throw new IllegalStateException(op.name());
            };
        }

        /** Numbers compare as numbers, agent versions part by part, everything else as text. */
        private int compare(String actual, Literal value) {
            if (actual.equals(value.text())) {
                return 0;
            }
            if (subject.kind() == Subject.Kind.AGENT_VERSION && isVersion(actual) && isVersion(value.text())) {
                return compareVersions(actual, value.text()); // 1.10 is after 1.9
            }
            if (value.number() != null) {
                BigDecimal number = Literal.number(actual);
                if (number != null) {
                    return number.compareTo(value.number());
                }
            }
            return actual.compareTo(value.text());
        }

        private static boolean isVersion(String s) {
            return s.matches("\\d+(\\.\\d+)*");
        }

        private static int compareVersions(String a, String b) {
            String[] x = a.split("\\.");
            String[] y = b.split("\\.");
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                long p = i < x.length ? Long.parseLong(x[i]) : 0;
                long q = i < y.length ? Long.parseLong(y[i]) : 0;
                if (p != q) {
                    return Long.compare(p, q);
                }
            }
            return 0;
        }

        @Override
        public String render() {
            String op = subject.render() + " " + operator.symbol();
            if (argument instanceof Value v) {
                return op + " " + v.value().render();
            }
            if (argument instanceof Values vs) {
                return op + " [" + String.join(", ", vs.values().stream().map(Literal::render).toList()) + "]";
            }
            if (argument instanceof Regex r) {
                return op + " " + Literal.of(r.pattern().pattern()).render();
            }
            return op;
        }
    }
}
