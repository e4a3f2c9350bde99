package io.longshore.common.query;

import java.util.Objects;

/**
 * An expression of ECS's cluster query language, parsed once and checked: what memberOf placement
 * constraints and the ListContainerInstances filter are written in. For example
 * {@code attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and runningTasksCount < 10},
 * or {@code not(task:group == database)} for anti-affinity.
 *
 * <p>Subjects: {@code attribute:<name>}, {@code ec2InstanceId} (the container instance id),
 * {@code agentConnected}, {@code agentVersion}, {@code registeredAt}, {@code runningTasksCount},
 * {@code task:group}. Operators: see {@link Operator}; both symbol and word forms are accepted.
 * Values compare as numbers when both sides are numbers, as dates for {@code registeredAt},
 * part by part for agent versions, and as text otherwise. Regexes ({@code =~}) are Java regexes
 * that must match the whole value. Immutable and thread-safe.
 */
public final class ClusterQuery {
    private final Expression expression;

    private ClusterQuery(Expression expression) {
        this.expression = expression;
    }

    /**
     * Parses and checks an expression.
     *
     * @throws QuerySyntaxException naming the 1-based position and what was expected there
     */
    public static ClusterQuery parse(String text) {
        Objects.requireNonNull(text, "text");
        return new ClusterQuery(Parser.parse(text));
    }

    public static ClusterQuery of(Expression expression) {
        return new ClusterQuery(Objects.requireNonNull(expression, "expression"));
    }

    public Expression expression() {
        return expression;
    }

    public boolean matches(InstanceFacts facts) {
        return expression.matches(facts);
    }

    /** Canonical text: symbol operators, minimal quoting; {@code parse(render())} equals this query. */
    public String render() {
        return expression.render();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterQuery other && other.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return render();
    }
}
