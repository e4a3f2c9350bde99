package io.longshore.events.input;

import static io.longshore.events.input.DemoEvents.PATHS;
import static io.longshore.events.input.DemoEvents.TRANSFORMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetInputViolationsTest {

    private static TargetInput transformer(Map<String, String> paths, String template) {
        return TargetInput.transformer(new InputTransformer(paths, template));
    }

    @Test
    void validConfigurationsHaveNoViolations() {
        assertThat(TargetInput.wholeEvent().violations()).isEmpty();
        assertThat(TargetInput.constant("{\"a\": [1, 2]}").violations()).isEmpty();
        assertThat(TargetInput.constant("\"just a string\"").violations()).isEmpty();
        assertThat(TargetInput.path("$.detail.bucket.name").violations()).isEmpty();
        assertThat(TargetInput.path("$.resources[0]").violations()).isEmpty();
        assertThat(TargetInput.transformer(TRANSFORMER).violations()).isEmpty();
        assertThat(transformer(null, "\"<aws.events.rule-name> at <aws.events.event.ingestion-time>\"").violations())
                .isEmpty();
        assertThat(transformer(PATHS, "<bucket> is a plain text template with \"quotes\"").violations()).isEmpty();
    }

    @Test
    void atMostOneWayOfPassingInput() {
        assertThat(new TargetInput("{}", "$.detail", null).violations())
                .containsExactly("Input, InputPath, InputTransformer: at most one of them may be set");
        assertThat(new TargetInput(null, "$.detail", TRANSFORMER).violations())
                .containsExactly("Input, InputPath, InputTransformer: at most one of them may be set");
    }

    @Test
    void inputMustBeValidJson() {
        assertThat(TargetInput.constant("{\"a\": 1").violations())
                .singleElement().asString().startsWith("Input: must be valid JSON");
        assertThat(TargetInput.constant("not json").violations())
                .singleElement().asString().startsWith("Input: must be valid JSON");
        assertThat(TargetInput.constant("{} {}").violations())
                .singleElement().asString().startsWith("Input: must be valid JSON");
        assertThat(TargetInput.constant("").violations())
                .singleElement().asString().startsWith("Input: must be valid JSON");
    }

    @Test
    void inputHasAtMost8192Characters() {
        String fits = "\"" + "x".repeat(8190) + "\"";
        assertThat(TargetInput.constant(fits).violations()).isEmpty();
        assertThat(TargetInput.constant("\"" + "x".repeat(8191) + "\"").violations())
                .containsExactly("Input: must have at most 8192 characters");
    }

    @Test
    void inputPathMustBeAValidJsonPath() {
        assertThat(TargetInput.path("$.detail.").violations())
                .singleElement().asString().startsWith("InputPath: must be a valid JSONPath");
        assertThat(TargetInput.path("$.detail[?(@.x").violations())
                .singleElement().asString().startsWith("InputPath: must be a valid JSONPath");
        assertThat(TargetInput.path("detail.bucket").violations())
                .containsExactly("InputPath: must be a JSONPath starting with $");
        assertThat(TargetInput.path("").violations()).containsExactly("InputPath: must not be empty");
        assertThat(TargetInput.path("$." + "a".repeat(255)).violations())
                .containsExactly("InputPath: must have at most 256 characters");
    }

    @Test
    void inputPathsMapHasAtMost100Entries() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            paths.put("k" + i, "$.detail.k" + i);
        }
        assertThat(transformer(paths, "{\"a\": <k0>}").violations()).isEmpty();

        paths.put("k100", "$.detail.k100");
        assertThat(transformer(paths, "{\"a\": <k0>}").violations())
                .containsExactly("InputTransformer.InputPathsMap: at most 100 entries");
    }

    @Test
    void inputPathsMapKeysAreLettersDigitsUnderscoresAndDashes() {
        assertThat(transformer(Map.of("Bucket_name-2", "$.detail.bucket.name"), "<Bucket_name-2>").violations())
                .isEmpty();
        assertThat(transformer(Map.of("bucket name", "$.detail.bucket.name"), "x").violations())
                .containsExactly("InputTransformer.InputPathsMap: key \"bucket name\" may contain only letters,"
                        + " digits, _ and -");
        assertThat(transformer(Map.of("a.b", "$.detail"), "x").violations())
                .containsExactly("InputTransformer.InputPathsMap: key \"a.b\" may contain only letters, digits, _ and -");
        assertThat(transformer(Map.of("", "$.detail"), "x").violations())
                .containsExactly("InputTransformer.InputPathsMap: keys must not be empty");
        assertThat(transformer(Map.of("k".repeat(257), "$.detail"), "x").violations())
                .singleElement().asString().endsWith("must have at most 256 characters");
    }

    @Test
    void inputPathsMapKeysMustNotStartWithAws() {
        assertThat(transformer(Map.of("AWS.bucket", "$.detail"), "x").violations())
                .containsExactly("InputTransformer.InputPathsMap: key \"AWS.bucket\" must not start with \"AWS.\""
                        + " (reserved)");
        assertThat(transformer(Map.of("aws.events.rule-name", "$.detail"), "x").violations())
                .containsExactly("InputTransformer.InputPathsMap: key \"aws.events.rule-name\" must not start with"
                        + " \"AWS.\" (reserved)");
        assertThat(transformer(Map.of("awsBucket", "$.detail"), "<awsBucket>").violations()).isEmpty();
    }

    @Test
    void inputPathsMapValuesMustBeJsonPaths() {
        Map<String, String> paths = new HashMap<>();
        paths.put("bucket", "$.detail..");
        paths.put("key", null);
        assertThat(transformer(paths, "{\"b\": <bucket>, \"k\": <key>}").violations())
                .containsExactlyInAnyOrder(
                        "InputTransformer.InputPathsMap: value of \"bucket\" must be a valid JSONPath"
                                + " (Path must not end with a '.' or '..')",
                        "InputTransformer.InputPathsMap: value of \"key\" must not be empty");
    }

    @Test
    void inputTemplateIsRequiredAndHasAtMost8192Characters() {
        assertThat(transformer(PATHS, null).violations())
                .containsExactly("InputTransformer.InputTemplate: is required");
        assertThat(transformer(PATHS, "").violations())
                .containsExactly("InputTransformer.InputTemplate: is required");
        assertThat(transformer(PATHS, "x".repeat(8192)).violations()).isEmpty();
        assertThat(transformer(PATHS, "x".repeat(8193)).violations())
                .containsExactly("InputTransformer.InputTemplate: must have at most 8192 characters");
    }

    @Test
    void everyPlaceholderMustBeInInputPathsMapOrReserved() {
        assertThat(transformer(Map.of("key", "$.detail.object.key"), "{\"b\": <bucket>, \"k\": \"<key> <other>\"}")
                .violations())
                .containsExactly(
                        "InputTransformer.InputTemplate: placeholder <bucket> is not in InputPathsMap",
                        "InputTransformer.InputTemplate: placeholder <other> is not in InputPathsMap");
        assertThat(transformer(Map.of(), "<aws.events.unknown>").violations())
                .containsExactly("InputTransformer.InputTemplate: placeholder <aws.events.unknown> is not in InputPathsMap");
    }

    @Test
    void anglesThatAreNoPlaceholderAreText() {
        assertThat(transformer(Map.of(), "\"1 < 2 and 3 > 2, <> and < spaced >\"").violations()).isEmpty();
    }

    @Test
    void aTemplateThatOpensLikeJsonMustBeJson() {
        assertThat(transformer(PATHS, "{\"bucket\": <bucket>,}").violations())
                .singleElement().asString().startsWith("InputTransformer.InputTemplate: must be valid JSON (");
        assertThat(transformer(PATHS, "{\"bucket\": <bucket>x}").violations())
                .singleElement().asString().startsWith("InputTransformer.InputTemplate: must be valid JSON (");
        assertThat(transformer(PATHS, "[<bucket> <key>]").violations())
                .singleElement().asString().startsWith("InputTransformer.InputTemplate: must be valid JSON (");
        assertThat(transformer(PATHS, "{<bucket>: 1}").violations())
                .singleElement().asString().startsWith("InputTransformer.InputTemplate: must be valid JSON (");
    }

    @Test
    void aPlaceholderCannotBeAnObjectKey() {
        assertThat(transformer(PATHS, "{\"<bucket>\": 1, \"x-<key>\" : <key>}").violations())
                .containsExactly(
                        "InputTransformer.InputTemplate: placeholder <bucket> cannot be used as an object key",
                        "InputTransformer.InputTemplate: placeholder <key> cannot be used as an object key");
        assertThat(transformer(PATHS, "{\"a\": \"<bucket>: <key>\"}").violations()).isEmpty();
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("aws.x", "$.detail");
        paths.put("ok", "nope");
        assertThat(transformer(paths, "{\"a\": <missing>").violations()).hasSize(4);
    }
}
