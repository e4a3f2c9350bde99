package io.longshore.common.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterQueryTest {
    private static final InstanceFacts FACTS = InstanceFacts.of("i-1",
            Map.of("ecs.instance-type", "t2.micro", "ecs.availability-zone", "us-east-1a", "cores", "8",
                    "stack", "prod", "weird value", "x"),
            true, "1.10.2", Instant.parse("2018-02-13T12:00:00Z"), 3, Set.of("service:web", "database"));

    private static boolean eval(String query) {
        return ClusterQuery.parse(query).matches(FACTS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "attribute:ecs.instance-type == t2.micro | true",
            "attribute:ecs.instance-type equals t2.micro | true",
            "attribute:ecs.instance-type != t2.micro | false",
            "attribute:ecs.instance-type not_equals t2.small | true",
            "attribute:missing != x | true",
            "attribute:missing == x | false",
            "attribute:cores > 4 | true",
            "attribute:cores greater_than 10 | false",
            "attribute:cores >= 8 | true",
            "attribute:cores greater_than_equal 8.0 | true",
            "attribute:cores < 10 | true",
            "attribute:cores less_than 8 | false",
            "attribute:cores <= 8 | true",
            "attribute:cores less_than_equal 7 | false",
            "attribute:stack > alpha | true",
            "attribute:stack exists | true",
            "attribute:missing exists | false",
            "attribute:missing !exists | true",
            "attribute:stack not_exists | false",
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] | true",
            "attribute:ecs.availability-zone in [us-east-1c] | false",
            "attribute:ecs.availability-zone !in [us-east-1c] | true",
            "attribute:ecs.availability-zone not_in [us-east-1a] | false",
            "attribute:ecs.instance-type =~ t2.* | true",
            "attribute:ecs.instance-type matches t3.* | false",
            "attribute:ecs.instance-type !~ t3.* | true",
            "`attribute:ecs.instance-type not_matches 't2\\.(micro|small)'` | false",
            "attribute:ecs.instance-type =~ micro | false",
            "ec2InstanceId == i-1 | true",
            "ec2InstanceId in [i-2, i-3] | false",
            "ec2InstanceId =~ i-\\d+ | true",
            "agentConnected == true | true",
            "agentConnected != true | false",
            "agentConnected in [false] | false",
            "agentVersion > 1.9.0 | true",
            "agentVersion >= 1.10.2 | true",
            "agentVersion < 1.10 | false",
            "agentVersion == 1.10.2 | true",
            "registeredAt < 2018-02-14 | true",
            "registeredAt > 2018-02-13 | true",
            "registeredAt >= 2018-02-13T12:00:00Z | true",
            "registeredAt == 2018-02-13T12:00:00 | true",
            "registeredAt == 2018-02-13T13:00:00+01:00 | true",
            "registeredAt less_than 2018-02-13 | false",
            "runningTasksCount == 3 | true",
            "runningTasksCount < 10 | true",
            "runningTasksCount > 3 | false",
            "runningTasksCount in [1, 2, 3] | true",
            "task:group == database | true",
            "task:group == cache | false",
            "task:group != database | false",
            "task:group =~ service:.* | true",
            "task:group in [cache, service:web] | true",
            "task:group exists | true",
            "not(task:group == database) | false",
            "not(task:group == cache) | true",
            "!(task:group == cache) | true",
            "! task:group == cache | true",
    })
    void evaluatesEverySubjectAndOperator(String query, boolean expected) {
        assertThat(eval(query)).as(query).isEqualTo(expected);
    }

    @Test
    void aTaskGroupConditionHoldsWhenAnyTaskMatchesAndIsFalseOnAnEmptyInstance() {
        InstanceFacts empty = InstanceFacts.of("i-2", Map.of(), true, null, null, 0, Set.of());
        assertThat(ClusterQuery.parse("task:group == database").matches(empty)).isFalse();
        assertThat(ClusterQuery.parse("not(task:group == database)").matches(empty)).isTrue();
        assertThat(ClusterQuery.parse("task:group !exists").matches(empty)).isTrue();
        assertThat(ClusterQuery.parse("registeredAt < 2018-02-14").matches(empty)).isFalse();
        assertThat(ClusterQuery.parse("agentVersion exists").matches(empty)).isFalse();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // or < and: true or (false and false) = true; (true or false) and false would be false
        assertThat(eval("runningTasksCount == 3 or runningTasksCount == 4 and runningTasksCount == 5")).isTrue();
        assertThat(eval("(runningTasksCount == 3 or runningTasksCount == 4) and runningTasksCount == 5")).isFalse();
        // not < and: (not false) and true
        assertThat(eval("not runningTasksCount == 4 and runningTasksCount == 3")).isTrue();
        assertThat(eval("not (runningTasksCount == 4 or runningTasksCount == 3)")).isFalse();
    }

    @Test
    void parsesIntoTheExpectedTree() {
        Expression e = ClusterQuery.parse("ec2InstanceId == a || ec2InstanceId == b && !ec2InstanceId == c")
                .expression();
        assertThat(e).isInstanceOf(Expression.Or.class);
        Expression.Or or = (Expression.Or) e;
        assertThat(or.right()).isInstanceOf(Expression.And.class);
        assertThat(((Expression.And) or.right()).right()).isInstanceOf(Expression.Not.class);
        assertThat(ClusterQuery.parse("ec2InstanceId == a and ec2InstanceId == b and ec2InstanceId == c")
                .expression()).isEqualTo(new Expression.And(
                        new Expression.And(cond("a"), cond("b")), cond("c")));
    }

    private static Expression.Condition cond(String id) {
        return new Expression.Condition(Subject.of(Subject.Kind.EC2_INSTANCE_ID), Operator.EQUALS,
                new Expression.Value(Literal.of(id)));
    }

    @Test
    void keywordsAndWordOperatorsAreInterchangeableWithSymbols() {
        assertThat(ClusterQuery.parse("ec2InstanceId equals a AND NOT ec2InstanceId not_in [b, c] OR task:group exists"))
                .isEqualTo(ClusterQuery.parse("ec2InstanceId == a && ! ec2InstanceId !in [b,c] || task:group exists"));
        assertThat(ClusterQuery.parse("attribute:a==b&&attribute:c!=d"))
                .isEqualTo(ClusterQuery.parse("attribute:a == b and attribute:c != d"));
    }

    @Test
    void rendersCanonicalTextThatParsesBack() {
        String text = "attribute:ecs.instance-type =~ 't2\\.(micro|small)' and (task:group == a or not "
                + "task:group in [\"x y\", 'and', b]) and registeredAt < 2018-02-13";
        ClusterQuery query = ClusterQuery.parse(text);
        assertThat(query.render()).isEqualTo("attribute:ecs.instance-type =~ \"t2\\\\.(micro|small)\" and "
                + "(task:group == a or not (task:group in [\"x y\", \"and\", b])) and registeredAt < 2018-02-13");
        assertThat(ClusterQuery.parse(query.render())).isEqualTo(query);
    }

    @Test
    void aRegexIsCompiledOnceAndMustMatchTheWholeValue() {
        ClusterQuery query = ClusterQuery.parse("attribute:stack =~ pro");
        assertThat(query.matches(FACTS)).isFalse();
        assertThat(ClusterQuery.parse("attribute:stack =~ 'pro.*'").matches(FACTS)).isTrue();
        assertThat(((Expression.Condition) query.expression()).argument()).isInstanceOf(Expression.Regex.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`` | unexpected end of expression at position 1: expected a subject",
            "attribute:ecs.instance-type foo bar | unexpected 'foo' at position 29: expected an operator",
            "color == red | unexpected 'color' at position 1: expected a subject",
            "attribute: == x | unexpected 'attribute:' at position 1: expected an attribute name",
            "attribute:a == | unexpected end of expression at position 15: expected a value",
            "attribute:a == and | unexpected 'and' at position 16: expected a value",
            "attribute:a in x | unexpected 'x' at position 16: expected '['",
            "attribute:a in [x y] | unexpected 'y' at position 19: expected ',' or ']'",
            "attribute:a in [] | unexpected ']' at position 17: expected a value",
            "attribute:a =~ 'x(' | invalid regular expression 'x(' at position 16: expected a Java regular expression",
            "registeredAt < yesterday | unexpected 'yesterday' at position 16: expected a date",
            "runningTasksCount > many | unexpected 'many' at position 21: expected a number",
            "agentConnected == yes | unexpected 'yes' at position 19: expected true or false",
            "(attribute:a exists | unexpected end of expression at position 20: expected 'and', 'or' or ')'",
            "attribute:a exists) | unexpected ')' at position 19: expected 'and', 'or' or the end",
            "attribute:a exists attribute:b exists | unexpected 'attribute:b' at position 20: expected 'and', 'or'",
            "attribute:a = b | unexpected '=' at position 13: expected an operator",
            "attribute:a == 'b | unterminated quoted value at position 16: expected a closing '",
            "not | unexpected end of expression at position 4: expected a subject",
            "attribute:a exists and | unexpected end of expression at position 23: expected a subject",
            "attribute:a exists & attribute:b exists | unexpected '&' at position 20",
    })
    void syntaxErrorsNameThePositionAndWhatWasExpected(String query, String message) {
        assertThatThrownBy(() -> ClusterQuery.parse(query))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theExceptionCarriesItsParts() {
        QuerySyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(QuerySyntaxException.class,
                () -> ClusterQuery.parse("task:group == a and xyz"));
        assertThat(e.position()).isEqualTo(21);
        assertThat(e.found()).isEqualTo("xyz");
        assertThat(e.expected()).startsWith("a subject");
    }
}
