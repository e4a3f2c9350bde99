package io.longshore.events.pattern;

import static io.longshore.events.pattern.TestEvents.OBJECT_CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.JsonRuleCompiler;

class EventPatternsTest {

    static Stream<Arguments> operators() {
        return Stream.of(
                // exact
                Arguments.of("exact string", "{\"source\": [\"demo.storage\"]}", true),
                Arguments.of("exact string, other value", "{\"source\": [\"demo.other\"]}", false),
                Arguments.of("exact string, one of several", "{\"source\": [\"a\", \"demo.storage\"]}", true),
                Arguments.of("exact string is case-sensitive", "{\"source\": [\"Demo.Storage\"]}", false),
                Arguments.of("exact number", "{\"detail\": {\"object\": {\"size\": [1024]}}}", true),
                Arguments.of("exact number, same value written differently",
                        "{\"detail\": {\"object\": {\"size\": [1024.0]}}}", true),
                Arguments.of("exact number, other value", "{\"detail\": {\"object\": {\"size\": [1023]}}}", false),
                Arguments.of("a number does not match its string", "{\"detail\": {\"object\": {\"size\": [\"1024\"]}}}",
                        false),
                Arguments.of("several fields: all must match",
                        "{\"source\": [\"demo.storage\"], \"detail-type\": [\"Object Created\"]}", true),
                Arguments.of("several fields: one differs",
                        "{\"source\": [\"demo.storage\"], \"detail-type\": [\"Object Deleted\"]}", false),
                // prefix
                Arguments.of("prefix", "{\"detail\": {\"object\": {\"key\": [{\"prefix\": \"reports/\"}]}}}", true),
                Arguments.of("prefix, other", "{\"detail\": {\"object\": {\"key\": [{\"prefix\": \"logs/\"}]}}}", false),
                Arguments.of("prefix is case-sensitive",
                        "{\"detail\": {\"object\": {\"key\": [{\"prefix\": \"REPORTS/\"}]}}}", false),
                Arguments.of("prefix equals-ignore-case",
                        "{\"detail\": {\"object\": {\"key\": [{\"prefix\": {\"equals-ignore-case\": \"REPORTS/\"}}]}}}",
                        true),
                Arguments.of("prefix equals-ignore-case, other",
                        "{\"detail\": {\"object\": {\"key\": [{\"prefix\": {\"equals-ignore-case\": \"LOGS/\"}}]}}}",
                        false),
                // suffix
                Arguments.of("suffix", "{\"detail\": {\"object\": {\"key\": [{\"suffix\": \".csv\"}]}}}", true),
                Arguments.of("suffix, other", "{\"detail\": {\"object\": {\"key\": [{\"suffix\": \".json\"}]}}}", false),
                Arguments.of("suffix equals-ignore-case",
                        "{\"detail\": {\"object\": {\"key\": [{\"suffix\": {\"equals-ignore-case\": \".CSV\"}}]}}}", true),
                Arguments.of("suffix equals-ignore-case, other",
                        "{\"detail\": {\"object\": {\"key\": [{\"suffix\": {\"equals-ignore-case\": \".JSON\"}}]}}}",
                        false),
                // equals-ignore-case
                Arguments.of("equals-ignore-case", "{\"detail-type\": [{\"equals-ignore-case\": \"object CREATED\"}]}",
                        true),
                Arguments.of("equals-ignore-case, other",
                        "{\"detail-type\": [{\"equals-ignore-case\": \"object deleted\"}]}", false),
                // wildcard
                Arguments.of("wildcard", "{\"detail\": {\"object\": {\"key\": [{\"wildcard\": \"reports/*.csv\"}]}}}",
                        true),
                Arguments.of("wildcard, several stars", "{\"source\": [{\"wildcard\": \"*.*age\"}]}", true),
                Arguments.of("wildcard, other", "{\"detail\": {\"object\": {\"key\": [{\"wildcard\": \"reports/*.json\"}]}}}",
                        false),
                // anything-but
                Arguments.of("anything-but string", "{\"source\": [{\"anything-but\": \"demo.other\"}]}", true),
                Arguments.of("anything-but string, the value itself",
                        "{\"source\": [{\"anything-but\": \"demo.storage\"}]}", false),
                Arguments.of("anything-but list", "{\"source\": [{\"anything-but\": [\"a\", \"b\"]}]}", true),
                Arguments.of("anything-but list, containing the value",
                        "{\"source\": [{\"anything-but\": [\"a\", \"demo.storage\"]}]}", false),
                Arguments.of("anything-but number list",
                        "{\"detail\": {\"object\": {\"size\": [{\"anything-but\": [1, 2]}]}}}", true),
                Arguments.of("anything-but number list, containing the value",
                        "{\"detail\": {\"object\": {\"size\": [{\"anything-but\": [1, 1024]}]}}}", false),
                Arguments.of("anything-but prefix",
                        "{\"detail\": {\"object\": {\"key\": [{\"anything-but\": {\"prefix\": \"logs/\"}}]}}}", true),
                Arguments.of("anything-but prefix, the value's prefix",
                        "{\"detail\": {\"object\": {\"key\": [{\"anything-but\": {\"prefix\": \"reports/\"}}]}}}", false),
                Arguments.of("anything-but suffix",
                        "{\"detail\": {\"object\": {\"key\": [{\"anything-but\": {\"suffix\": \".json\"}}]}}}", true),
                Arguments.of("anything-but suffix, the value's suffix",
                        "{\"detail\": {\"object\": {\"key\": [{\"anything-but\": {\"suffix\": \".csv\"}}]}}}", false),
                Arguments.of("anything-but equals-ignore-case",
                        "{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": {\"equals-ignore-case\": \"LOGS\"}}]}}}",
                        true),
                Arguments.of("anything-but equals-ignore-case, the value",
                        "{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": {\"equals-ignore-case\": \"UPLOADS\"}}]}}}",
                        false),
                Arguments.of("anything-but wildcard",
                        "{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": {\"wildcard\": \"log*\"}}]}}}", true),
                Arguments.of("anything-but wildcard, matching the value",
                        "{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": {\"wildcard\": \"up*s\"}}]}}}", false),
                // numeric
                Arguments.of("numeric range", "{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 1000, \"<=\", 2048]}]}}}",
                        true),
                Arguments.of("numeric range, closed bound",
                        "{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">=\", 1024, \"<\", 1025]}]}}}", true),
                Arguments.of("numeric range, open bound excludes the value",
                        "{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 1024, \"<\", 4096]}]}}}", false),
                Arguments.of("numeric range, upper bound excludes the value",
                        "{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 0, \"<\", 1024]}]}}}", false),
                Arguments.of("numeric equals", "{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\"=\", 1024]}]}}}", true),
                Arguments.of("numeric, negative decimals",
                        "{\"detail\": {\"object\": {\"ratio\": [{\"numeric\": [\">\", -3, \"<\", -2.4]}]}}}", true),
                Arguments.of("numeric, negative decimals outside",
                        "{\"detail\": {\"object\": {\"ratio\": [{\"numeric\": [\">\", -2.4]}]}}}", false),
                Arguments.of("numeric does not match a string",
                        "{\"detail\": {\"object\": {\"key\": [{\"numeric\": [\">\", 0]}]}}}", false),
                // cidr
                Arguments.of("cidr", "{\"detail\": {\"requester\": {\"ip\": [{\"cidr\": \"203.0.113.0/24\"}]}}}", true),
                Arguments.of("cidr, other network", "{\"detail\": {\"requester\": {\"ip\": [{\"cidr\": \"198.51.100.0/24\"}]}}}",
                        false),
                Arguments.of("cidr, IPv6", "{\"detail\": {\"requester\": {\"ipv6\": [{\"cidr\": \"2001:db8::/32\"}]}}}", true),
                Arguments.of("cidr, other IPv6 network",
                        "{\"detail\": {\"requester\": {\"ipv6\": [{\"cidr\": \"2001:db9::/32\"}]}}}", false),
                // exists
                Arguments.of("exists true", "{\"detail\": {\"bucket\": {\"name\": [{\"exists\": true}]}}}", true),
                Arguments.of("exists true, absent field", "{\"detail\": {\"bucket\": {\"region\": [{\"exists\": true}]}}}",
                        false),
                Arguments.of("exists true, null value", "{\"detail\": {\"object\": {\"etag\": [{\"exists\": true}]}}}", true),
                Arguments.of("exists false, absent field", "{\"detail\": {\"bucket\": {\"region\": [{\"exists\": false}]}}}",
                        true),
                Arguments.of("exists false, present field", "{\"detail\": {\"bucket\": {\"name\": [{\"exists\": false}]}}}",
                        false),
                // $or
                Arguments.of("$or, second branch matches",
                        "{\"$or\": [{\"source\": [\"nope\"]}, {\"detail\": {\"object\": {\"size\": [1024]}}}]}", true),
                Arguments.of("$or, no branch matches",
                        "{\"$or\": [{\"source\": [\"nope\"]}, {\"detail\": {\"object\": {\"size\": [1]}}}]}", false),
                Arguments.of("$or inside detail, with an AND outside",
                        "{\"source\": [\"demo.storage\"], \"detail\": {\"$or\": [{\"bucket\": {\"name\": [\"x\"]}},"
                                + " {\"label\": [{\"prefix\": \"Quarterly\"}]}]}}", true),
                Arguments.of("$or inside detail, the AND outside fails",
                        "{\"source\": [\"nope\"], \"detail\": {\"$or\": [{\"bucket\": {\"name\": [\"uploads\"]}},"
                                + " {\"label\": [{\"prefix\": \"Quarterly\"}]}]}}", false),
                // arrays in the event
                Arguments.of("array of strings: any element", "{\"detail\": {\"tags\": [\"monthly\"]}}", true),
                Arguments.of("array of strings: no element", "{\"detail\": {\"tags\": [\"weekly\"]}}", false),
                Arguments.of("resources array", "{\"resources\": [\"" + TestEvents.OBJECT_ARN + "\"]}", true),
                Arguments.of("resources array, other ARN", "{\"resources\": [\"arn:aws:s3:::other\"]}", false),
                Arguments.of("array of objects: fields of one element",
                        "{\"detail\": {\"items\": {\"kind\": [\"csv\"], \"rows\": [10]}}}", true),
                Arguments.of("array of objects: fields of different elements do not combine",
                        "{\"detail\": {\"items\": {\"kind\": [\"csv\"], \"rows\": [20]}}}", false),
                // nested detail
                Arguments.of("nested detail field", "{\"detail\": {\"bucket\": {\"name\": [\"uploads\"]}}}", true),
                Arguments.of("nested detail field, other value", "{\"detail\": {\"bucket\": {\"name\": [\"downloads\"]}}}",
                        false),
                Arguments.of("an object is not a leaf value", "{\"detail\": {\"bucket\": [\"uploads\"]}}", false),
                // null values
                Arguments.of("null matches a null value", "{\"detail\": {\"object\": {\"etag\": [null]}}}", true),
                Arguments.of("null does not match a string", "{\"detail\": {\"object\": {\"key\": [null]}}}", false),
                Arguments.of("null does not match an absent field", "{\"detail\": {\"object\": {\"owner\": [null]}}}",
                        false),
                Arguments.of("empty string does not match null", "{\"detail\": {\"object\": {\"etag\": [\"\"]}}}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void operatorMatchesOrNot(String description, String pattern, boolean expected) {
        assertThat(EventPatterns.check(pattern)).isEmpty();
        assertThat(EventPatterns.matches(pattern, OBJECT_CREATED)).as(description).isEqualTo(expected);
    }

    static Stream<Arguments> invalidPatterns() {
        return Stream.of(
                Arguments.of("not JSON", "source = demo.storage"),
                Arguments.of("a leaf that is not an array", "{\"source\": \"demo.storage\"}"),
                Arguments.of("an unknown operator", "{\"source\": [{\"starts-with\": \"demo\"}]}"),
                Arguments.of("not an object", "[\"demo.storage\"]"),
                Arguments.of("an empty object", "{}"),
                Arguments.of("an empty array", "{\"source\": []}"),
                Arguments.of("unterminated", "{\"source\": [\"demo.storage\"]"),
                Arguments.of("numeric bound not a number", "{\"detail\": {\"size\": [{\"numeric\": [\">\", \"ten\"]}]}}"),
                Arguments.of("consecutive wildcards", "{\"source\": [{\"wildcard\": \"demo**\"}]}"),
                Arguments.of("malformed cidr", "{\"detail\": {\"ip\": [{\"cidr\": \"203.0.113.0\"}]}}"),
                Arguments.of("exists not a boolean", "{\"source\": [{\"exists\": \"yes\"}]}"),
                Arguments.of("$or with one branch", "{\"$or\": [{\"source\": [\"a\"]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPatterns")
    void invalidPatternGivesTheLibrarysExplanation(String description, String pattern) {
        String library = JsonRuleCompiler.check(pattern);
        assertThat(library).as("event-ruler refuses it").isNotNull();

        assertThat(EventPatterns.check(pattern)).contains(library);
        assertThatThrownBy(() -> EventPatterns.matches(pattern, OBJECT_CREATED))
                .isInstanceOf(InvalidPatternException.class)
                .hasMessage(library)
                .satisfies(e -> assertThat(((InvalidPatternException) e).ruleName()).isEmpty());
    }

    @Test
    void explanationsSayWhatIsWrong() {
        assertThat(EventPatterns.check("{\"source\": \"demo.storage\"}"))
                .hasValueSatisfying(m -> assertThat(m).contains("\"source\" must be an object or an array"));
        assertThat(EventPatterns.check("{\"source\": [{\"starts-with\": \"demo\"}]}"))
                .hasValueSatisfying(m -> assertThat(m).contains("Unrecognized match type starts-with"));
        assertThat(EventPatterns.check("not json"))
                .hasValueSatisfying(m -> assertThat(m).contains("Unrecognized token 'not'"));
    }

    @Test
    void contentAfterThePatternIsRefused() {
        // event-ruler itself stops after the object and would accept this
        String pattern = "{\"source\": [\"demo.storage\"]} {\"source\": [\"other\"]}";
        assertThat(JsonRuleCompiler.check(pattern)).isNull();

        assertThat(EventPatterns.check(pattern))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Unexpected content after the pattern's JSON object"));
    }

    @Test
    void aMissingPatternIsInvalid() {
        assertThat(EventPatterns.check(null)).isPresent();
        assertThatThrownBy(() -> EventPatterns.matches(null, OBJECT_CREATED))
                .isInstanceOf(InvalidPatternException.class);
    }

    @Test
    void moreFieldsThanTheLibraryAllowsAreRefusedByCheck() {
        StringBuilder pattern = new StringBuilder("{\"detail\": {");
        for (int i = 0; i < 257; i++) {
            pattern.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": [1]");
        }
        pattern.append("}}");
        // JsonRuleCompiler.check accepts it; the machine refuses it when adding
        assertThat(JsonRuleCompiler.check(pattern.toString())).isNull();

        assertThat(EventPatterns.check(pattern.toString()))
                .hasValueSatisfying(m -> assertThat(m).contains("exceeds max value of 256"));
    }

    @Test
    void anEventThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> EventPatterns.matches("{\"source\": [\"a\"]}", "{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidPatternException.class);
    }
}
