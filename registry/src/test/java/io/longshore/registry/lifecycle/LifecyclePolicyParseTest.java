package io.longshore.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecyclePolicyParseTest {
    private static final String COUNT_1 = "\"countType\":\"imageCountMoreThan\",\"countNumber\":1";

    private static String rule(int priority, String selection) {
        return "{\"rulePriority\":" + priority + ",\"selection\":{" + selection + "},\"action\":{\"type\":\"expire\"}}";
    }

    private static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String text, String field) {
        return assertThatThrownBy(() -> LifecyclePolicy.parse(text))
                .isInstanceOf(InvalidLifecyclePolicyException.class)
                .satisfies(e -> assertThat(((InvalidLifecyclePolicyException) e).field()).isEqualTo(field));
    }

    @Test
    void readsEveryField() {
        LifecyclePolicy policy = LifecyclePolicy.parse("""
                {"rules": [
                  {"rulePriority": 5, "description": "keep 3 releases",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["v", "release"],
                                 "countType": "imageCountMoreThan", "countNumber": 3},
                   "action": {"type": "expire"}},
                  {"rulePriority": 1, "description": "old untagged",
                   "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                 "countUnit": "days", "countNumber": 14},
                   "action": {"type": "expire"}},
                  {"rulePriority": 3,
                   "selection": {"tagStatus": "tagged", "tagPatternList": ["prod*"],
                                 "countType": "imageCountMoreThan", "countNumber": 9999},
                   "action": {"type": "expire"}},
                  {"rulePriority": 10,
                   "selection": {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 90},
                   "action": {"type": "expire"}}
                ]}""");

        assertThat(policy.rules()).extracting(LifecycleRule::rulePriority).containsExactly(1, 3, 5, 10);
        assertThat(policy.rules().get(0)).isEqualTo(new LifecycleRule(1, "old untagged",
                new RuleSelection(TagStatus.UNTAGGED, List.of(), List.of(), CountType.SINCE_IMAGE_PUSHED, "days", 14)));
        assertThat(policy.rules().get(1).selection().tagPatternList()).containsExactly("prod*");
        assertThat(policy.rules().get(1).description()).isNull();
        assertThat(policy.rules().get(2).selection()).isEqualTo(new RuleSelection(TagStatus.TAGGED,
                List.of("v", "release"), List.of(), CountType.IMAGE_COUNT_MORE_THAN, null, 3));
        assertThat(policy.rules().get(3).selection().tagStatus()).isEqualTo(TagStatus.ANY);
    }

    @Test
    void theDocumentationTemplateExamplesParse() {
        LifecyclePolicy.parse(policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                + "\"countUnit\":\"days\",\"countNumber\":14")));
        LifecyclePolicy.parse(policy(rule(1, "\"tagStatus\":\"untagged\"," + COUNT_1)));
        LifecyclePolicy.parse(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*test*1*2*3\",\"test*1*2*3*\"],"
                + COUNT_1)));
    }

    @Test
    void explicitNullsAreAbsentFields() {
        LifecyclePolicy policy = LifecyclePolicy.parse("{\"rules\":[{\"rulePriority\":1,\"description\":null,"
                + "\"selection\":{\"tagStatus\":\"any\",\"tagPrefixList\":null,\"countUnit\":null," + COUNT_1 + "},"
                + "\"action\":{\"type\":\"expire\"}}]}");
        assertThat(policy.rules()).hasSize(1);
    }

    @Test
    void notJson() {
        refused("{\"rules\": [", "lifecyclePolicyText").hasMessageContaining("not valid JSON");
        refused("", "lifecyclePolicyText").hasMessageContaining("empty");
        refused("[]", "lifecyclePolicyText").hasMessageContaining("JSON object");
        refused("{\"rules\":[],\"rules\":[]}", "lifecyclePolicyText").hasMessageContaining("Duplicate field");
    }

    @Test
    void tooLong() {
        String description = "x".repeat(LifecyclePolicy.MAX_TEXT_LENGTH);
        refused("{\"rules\":[{\"rulePriority\":1,\"description\":\"" + description + "\"}]}", "lifecyclePolicyText")
                .hasMessageContaining("30720");
    }

    @Test
    void rulesRequiredAndNonEmpty() {
        refused("{}", "rules").hasMessage("rules is required");
        refused("{\"rules\":[]}", "rules").hasMessageContaining("non-empty array");
        refused("{\"rules\":{}}", "rules");
        refused("{\"rules\":[1]}", "rules[0]").hasMessageContaining("rules[0] must be a JSON object");
    }

    @Test
    void unknownFieldsAreNamed() {
        refused("{\"rules\":[" + rule(1, "\"tagStatus\":\"any\"," + COUNT_1) + "],\"version\":2}", "version")
                .hasMessageContaining("version is not a lifecycle policy field");
        refused(policy("{\"rulePriority\":1,\"priority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":{\"type\":\"expire\"}}"), "rules[0].priority")
                .hasMessageContaining("rules[0] (rulePriority 1): rules[0].priority is not a lifecycle policy field");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixlist\":[\"v\"]," + COUNT_1)),
                "rules[0].selection.tagPrefixlist");
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"storageClass\":\"archive\"," + COUNT_1)),
                "rules[0].selection.storageClass");
        refused(policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":{\"type\":\"expire\",\"targetStorageClass\":\"archive\"}}"), "rules[0].action.targetStorageClass");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0      | must be an integer of at least 1, was 0",
            "-3     | must be an integer of at least 1, was -3",
            "1.5    | must be an integer of at least 1, was 1.5",
            "\"1\"  | must be an integer of at least 1, was \"1\"",
            "3000000000 | must be an integer of at least 1"})
    void rulePriorityIsAPositiveInteger(String value, String message) {
        refused(policy("{\"rulePriority\":" + value + ",\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":{\"type\":\"expire\"}}"), "rules[0].rulePriority")
                .hasMessageContaining("rules[0]: rulePriority " + message);
    }

    @Test
    void rulePriorityIsRequired() {
        refused(policy("{\"selection\":{\"tagStatus\":\"any\"," + COUNT_1 + "},\"action\":{\"type\":\"expire\"}}"),
                "rules[0].rulePriority").hasMessage("rules[0]: rulePriority is required");
    }

    @Test
    void rulePrioritiesAreUnique() {
        refused(policy(rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\"]," + COUNT_1),
                        rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"b\"]," + COUNT_1)),
                "rules[1].rulePriority")
                .hasMessage("rules[1] (rulePriority 2): rulePriority is also the rulePriority of rules[0]; "
                        + "each rule needs its own");
    }

    @Test
    void rulePrioritiesNeedNotBeSequential() {
        assertThat(LifecyclePolicy.parse(policy(rule(10, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\"]," + COUNT_1),
                rule(200, "\"tagStatus\":\"any\"," + COUNT_1))).rules()).hasSize(2);
    }

    @Test
    void anAnyRuleMustHaveTheHighestPriority() {
        refused(policy(rule(1, "\"tagStatus\":\"any\"," + COUNT_1),
                        rule(2, "\"tagStatus\":\"untagged\"," + COUNT_1)),
                "rules[0].rulePriority")
                .hasMessage("rules[0] (rulePriority 1): rulePriority must be the highest of the policy (2 is higher) "
                        + "because tagStatus any is evaluated last");
    }

    @Test
    void onlyOneAnyRule() {
        refused(policy(rule(1, "\"tagStatus\":\"any\"," + COUNT_1),
                rule(2, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":3")),
                "rules[0].rulePriority");
    }

    @Test
    void onlyOneUntaggedRule() {
        refused(policy(rule(1, "\"tagStatus\":\"untagged\"," + COUNT_1),
                        rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":3")),
                "rules[1].selection.tagStatus")
                .hasMessageContaining("only one rule may select untagged images");
    }

    @Test
    void eachRuleHasItsOwnSetOfTagPrefixes() {
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\",\"b\"]," + COUNT_1),
                        rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"b\",\"a\"]," + COUNT_1)),
                "rules[1].selection.tagPrefixList").hasMessageContaining("same set of tag prefixes as rules[0]");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a*\"]," + COUNT_1),
                        rule(2, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a*\"]," + COUNT_1)),
                "rules[1].selection.tagPatternList");
        // overlapping but different sets are fine, as are a prefix and a pattern list with the same text
        LifecyclePolicy.parse(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\"]," + COUNT_1),
                rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\",\"b\"]," + COUNT_1),
                rule(3, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a\"]," + COUNT_1)));
    }

    @Test
    void tagStatusIsRequiredAndKnown() {
        refused(policy(rule(1, COUNT_1)), "rules[0].selection.tagStatus")
                .hasMessage("rules[0] (rulePriority 1): selection.tagStatus is required: tagged, untagged or any");
        refused(policy(rule(1, "\"tagStatus\":\"TAGGED\"," + COUNT_1)), "rules[0].selection.tagStatus")
                .hasMessageContaining("must be tagged, untagged or any, was TAGGED");
        refused(policy(rule(1, "\"tagStatus\":1," + COUNT_1)), "rules[0].selection.tagStatus")
                .hasMessageContaining("must be a string");
    }

    @Test
    void taggedNeedsExactlyOneTagList() {
        refused(policy(rule(1, "\"tagStatus\":\"tagged\"," + COUNT_1)), "rules[0].selection.tagPrefixList")
                .hasMessage("rules[0] (rulePriority 1): selection.tagPrefixList or selection.tagPatternList is "
                        + "required when tagStatus is tagged");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"tagPatternList\":[\"v*\"],"
                + COUNT_1)), "rules[0].selection.tagPatternList").hasMessageContaining("cannot be used together");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[]," + COUNT_1)),
                "rules[0].selection.tagPrefixList").hasMessageContaining("must not be empty");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":\"v\"," + COUNT_1)),
                "rules[0].selection.tagPrefixList").hasMessageContaining("must be an array of strings");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\",2]," + COUNT_1)),
                "rules[0].selection.tagPrefixList[1]");
    }

    @ParameterizedTest
    @CsvSource({"untagged,tagPrefixList", "untagged,tagPatternList", "any,tagPrefixList", "any,tagPatternList"})
    void tagListsOnlyWithTagged(String status, String list) {
        refused(policy(rule(1, "\"tagStatus\":\"" + status + "\",\"" + list + "\":[\"v\"]," + COUNT_1)),
                "rules[0].selection." + list)
                .hasMessage("rules[0] (rulePriority 1): selection." + list + " is only allowed when tagStatus is "
                        + "tagged, not " + status);
    }

    @Test
    void tagEntriesAreTagCharacters() {
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"\"]," + COUNT_1)),
                "rules[0].selection.tagPrefixList[0]").hasMessageContaining("is not a tag prefix");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v*\"]," + COUNT_1)),
                "rules[0].selection.tagPrefixList[0]");
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a b\"]," + COUNT_1)),
                "rules[0].selection.tagPatternList[0]").hasMessageContaining("is not a tag pattern");
    }

    @Test
    void atMostFourWildcardsPerPattern() {
        LifecyclePolicy.parse(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*a*b*c*\"]," + COUNT_1)));
        refused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"ok*\",\"test*1*2*3*4*5*6\"]," + COUNT_1)),
                "rules[0].selection.tagPatternList[1]")
                .hasMessageContaining("has 6 wildcards (*), more than the 4 allowed");
    }

    @Test
    void countTypeIsRequiredAndKnown() {
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countNumber\":1")), "rules[0].selection.countType")
                .hasMessageContaining("is required");
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":1")),
                "rules[0].selection.countType")
                .hasMessageContaining("must be imageCountMoreThan or sinceImagePushed, was sinceImagePulled");
    }

    @Test
    void countUnitOnlyAndAlwaysWithSinceImagePushed() {
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":1")),
                "rules[0].selection.countUnit")
                .hasMessage("rules[0] (rulePriority 1): selection.countUnit is required when countType is "
                        + "sinceImagePushed: days");
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1")),
                "rules[0].selection.countUnit")
                .hasMessageContaining("only allowed when countType is sinceImagePushed");
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"hours\",\"countNumber\":1")),
                "rules[0].selection.countUnit").hasMessageContaining("must be days, was hours");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0", "-1", "2.5", "\"3\"", "99999999999"})
    void countNumberIsAPositiveInteger(String value) {
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":" + value)),
                "rules[0].selection.countNumber")
                .hasMessageContaining("rules[0] (rulePriority 1): selection.countNumber must be an integer of at least 1");
    }

    @Test
    void countNumberIsRequired() {
        refused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\"")),
                "rules[0].selection.countNumber").hasMessageContaining("is required");
    }

    @Test
    void theOnlyActionIsExpire() {
        refused(policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1 + "}}"),
                "rules[0].action").hasMessageContaining("is required");
        refused(policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":{\"type\":\"transition\"}}"), "rules[0].action.type")
                .hasMessage("rules[0] (rulePriority 1): action.type must be expire, was transition");
        refused(policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":{}}"), "rules[0].action.type");
        refused(policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":\"expire\"}"), "rules[0].action");
    }

    @Test
    void selectionIsRequired() {
        refused(policy("{\"rulePriority\":4,\"action\":{\"type\":\"expire\"}}"), "rules[0].selection")
                .hasMessage("rules[0] (rulePriority 4): selection is required");
    }

    @Test
    void descriptionIsText() {
        refused(policy("{\"rulePriority\":1,\"description\":5,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                + "},\"action\":{\"type\":\"expire\"}}"), "rules[0].description");
    }
}
