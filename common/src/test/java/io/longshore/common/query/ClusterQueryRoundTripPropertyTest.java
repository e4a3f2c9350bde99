package io.longshore.common.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Whatever the tree, its canonical text parses back to the same tree, and evaluates the same. */
class ClusterQueryRoundTripPropertyTest {

    @Property(tries = 1000)
    void parseOfRenderIsTheSameExpression(@ForAll("expressions") Expression expression) {
        String text = expression.render();
        assertThat(ClusterQuery.parse(text).expression()).as(text).isEqualTo(expression);
        assertThat(ClusterQuery.parse(text).render()).isEqualTo(text);
    }

    @Property(tries = 300)
    void notIsTheNegationAndTheTextEvaluatesLikeTheTree(@ForAll("expressions") Expression expression,
                                                          @ForAll("facts") InstanceFacts facts) {
        assertThat(new Expression.Not(expression).matches(facts)).isEqualTo(!expression.matches(facts));
        assertThat(ClusterQuery.parse(expression.render()).matches(facts)).isEqualTo(expression.matches(facts));
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return expression(4);
    }

    private Arbitrary<Expression> expression(int depth) {
        if (depth == 0) {
            return conditions();
        }
        Arbitrary<Expression> sub = Arbitraries.lazy(() -> expression(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, conditions()),
                Tuple.of(1, Combinators.combine(sub, sub).as(Expression.And::new)),
                Tuple.of(1, Combinators.combine(sub, sub).as(Expression.Or::new)),
                Tuple.of(1, sub.map(Expression.Not::new)));
    }

    private Arbitrary<Expression> conditions() {
        return Combinators.combine(subjects(), Arbitraries.of(Operator.class)).as(Tuple::of)
                .flatMap(t -> arguments(t.get1(), t.get2())
                        .map(arg -> new Expression.Condition(t.get1(), t.get2(), arg)));
    }

    private Arbitrary<Subject> subjects() {
        Arbitrary<Subject> attributes = Arbitraries.strings().withChars("abcXYZ019-_/.").ofMinLength(1).ofMaxLength(12)
                .map(Subject::attribute);
        Arbitrary<Subject> builtIns = Arbitraries.of(Subject.Kind.values())
                .filter(k -> k != Subject.Kind.ATTRIBUTE).map(Subject::of);
        return Arbitraries.oneOf(attributes, builtIns);
    }

    private Arbitrary<Expression.Argument> arguments(Subject subject, Operator operator) {
        return switch (operator.arity()) {
            case NONE -> Arbitraries.just(new Expression.NoArgument());
            case VALUE -> values(subject).map(Expression.Value::new);
            case LIST -> values(subject).list().ofMinSize(1).ofMaxSize(4).map(Expression.Values::new);
            case REGEX -> Arbitraries.oneOf(Arbitraries.of("t2.*", "^a(b|c)$", "[a-z]+", "x y", "\\d+", "a\"b", "",
                            "and", "\\\\"), Arbitraries.strings().ofMaxLength(6))
                    .filter(ClusterQueryRoundTripPropertyTest::compiles)
                    .map(r -> new Expression.Regex(Pattern.compile(r)));
        };
    }

    private Arbitrary<Literal> values(Subject subject) {
        Arbitrary<String> text = switch (subject.kind()) {
            case REGISTERED_AT -> Arbitraries.of("2018-02-13", "2018-02-13T22:28:28", "2018-02-13T22:28:28Z",
                    "2018-06-18T22:28:28+00:00", "2020-01-01T00:00:00-05:00");
            case RUNNING_TASKS_COUNT -> Arbitraries.integers().between(-5, 50).map(String::valueOf);
            case AGENT_CONNECTED -> Arbitraries.of("true", "false");
            default -> Arbitraries.oneOf(
                    Arbitraries.of("a", "t2.micro", "us-east-1a", "x y", "and", "NOT", "Or", "", "a\"b", "c\\d",
                            "it's", "[x]", "1.5", "-3", "a,b", "==", "!x", "service:web", "1.10.2", "(", "&&"),
                    Arbitraries.strings().ofMaxLength(6));
        };
        return text.map(Literal::of);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<InstanceFacts> facts() {
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(
                Arbitraries.of("a", "b", "X", "ecs.instance-type"),
                Arbitraries.of("a", "t2.micro", "1.5", "-3", "x y")).ofMaxSize(3);
        return Combinators.combine(Arbitraries.of("i-1", "a", "t2.micro"), attributes, Arbitraries.of(true, false),
                        Arbitraries.of("1.10.2", "1.5", null), Arbitraries.of(Instant.parse("2018-02-13T00:00:00Z"),
                                Instant.parse("2019-01-01T12:00:00Z")), Arbitraries.integers().between(0, 20),
                        Arbitraries.of("service:web", "a", "x y").set().ofMaxSize(2))
                .as(InstanceFacts::of);
    }
}
