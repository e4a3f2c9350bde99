package io.longshore.events.input;

import static io.longshore.events.input.DemoEvents.CONTEXT;
import static io.longshore.events.input.DemoEvents.OBJECT_CREATED;
import static io.longshore.events.input.DemoEvents.PATHS;
import static io.longshore.events.input.DemoEvents.RULE_ARN;
import static io.longshore.events.input.DemoEvents.RULE_NAME;
import static io.longshore.events.input.DemoEvents.TRANSFORMER;
import static io.longshore.events.input.DemoEvents.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetInputRenderTest {

    private static String transform(String template) {
        return transform(PATHS, template);
    }

    private static String transform(Map<String, String> paths, String template) {
        return TargetInput.transformer(new InputTransformer(paths, template)).render(OBJECT_CREATED, CONTEXT);
    }

    @Test
    void theDemoTemplateYieldsEcsContainerOverrides() {
        String rendered = TargetInput.transformer(TRANSFORMER).render(OBJECT_CREATED, CONTEXT);

        assertThat(rendered).isEqualTo("{\"containerOverrides\":[{\"name\":\"main\",\"environment\":["
                + "{\"name\":\"BUCKET\",\"value\":\"uploads\"},{\"name\":\"KEY\",\"value\":\"reports/2026-11.csv\"}]}]}");
        JsonNode environment = parse(rendered).path("containerOverrides").path(0).path("environment");
        assertThat(environment.path(0).path("name").asText()).isEqualTo("BUCKET");
        assertThat(environment.path(0).path("value").asText()).isEqualTo("uploads");
        assertThat(environment.path(1).path("name").asText()).isEqualTo("KEY");
        assertThat(environment.path(1).path("value").asText()).isEqualTo("reports/2026-11.csv");
    }

    @Test
    void quotesBackslashesAndNewlinesInTheEventSurviveAsCorrectJson() {
        String key = "say \"hi\"\\n\nline two\t<key>";
        String event = DemoEvents.objectCreated(key);

        String rendered = TargetInput.transformer(new InputTransformer(PATHS,
                        "{\"value\": <key>, \"message\": \"key is <key>!\", \"list\": [<key>]}"))
                .render(event, CONTEXT);

        JsonNode json = parse(rendered);
        assertThat(json.path("value").asText()).isEqualTo(key);
        assertThat(json.path("message").asText()).isEqualTo("key is " + key + "!");
        assertThat(json.path("list").path(0).asText()).isEqualTo(key);
        // the demo template too: the container gets exactly the object's key
        JsonNode overrides = parse(TargetInput.transformer(TRANSFORMER).render(event, CONTEXT));
        assertThat(overrides.at("/containerOverrides/0/environment/1/value").asText()).isEqualTo(key);
    }

    @Test
    void outsideQuotesAValueIsWrittenAsJson() {
        String rendered = transform(Map.of("size", "$.detail.object.size", "bucket", "$.detail.bucket",
                "name", "$.detail.bucket.name"), "{\"size\": <size>, \"bucket\": <bucket>, \"name\": <name>}");

        assertThat(rendered).isEqualTo("{\"size\": 1024, \"bucket\": {\"name\":\"uploads\"}, \"name\": \"uploads\"}");
    }

    @Test
    void insideQuotesAValueIsWrittenAsItsTextEscaped() {
        String rendered = transform(Map.of("size", "$.detail.object.size", "bucket", "$.detail.bucket"),
                "{\"text\": \"size <size> in <bucket>\"}");

        assertThat(parse(rendered).path("text").asText()).isEqualTo("size 1024 in {\"name\":\"uploads\"}");
    }

    @Test
    void theDocumentedMixOfQuotedAndUnquotedPlaceholders() {
        // EventBridge's own example: {"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}
        String rendered = transform("{\"myBucket\": <bucket>,\"myStatus\": \"<bucket> got \\\"<key>\\\"\"}");

        assertThat(rendered).isEqualTo("{\"myBucket\": \"uploads\",\"myStatus\": \"uploads got \\\"reports/2026-11.csv\\\"\"}");
        assertThat(parse(rendered).path("myStatus").asText()).isEqualTo("uploads got \"reports/2026-11.csv\"");
    }

    @Test
    void aStringTemplateIsAJsonString() {
        String rendered = transform("\"<key> landed in <bucket>\"");

        assertThat(rendered).isEqualTo("\"reports/2026-11.csv landed in uploads\"");
    }

    @Test
    void aPlainTextTemplateGetsTheValuesAsText() {
        assertThat(transform("<key> landed in <bucket>")).isEqualTo("reports/2026-11.csv landed in uploads");
        assertThat(transform(Map.of("object", "$.detail.object"), "object: <object>"))
                .isEqualTo("object: {\"key\":\"reports/2026-11.csv\",\"size\":1024}");
    }

    @Test
    void aLonePlaceholderIsItsValueAsJson() {
        assertThat(transform("<bucket>")).isEqualTo("\"uploads\"");
    }

    @Test
    void anArrayTemplateMixesValuesAndConstants() {
        assertThat(transform("[9, <bucket>, true]")).isEqualTo("[9, \"uploads\", true]");
    }

    @Test
    void aPathAbsentInTheEventIsNullOutsideQuotesAndNothingInside() {
        Map<String, String> paths = Map.of("owner", "$.detail.object.owner", "deep", "$.detail.nothing.here");

        assertThat(transform(paths, "{\"owner\": <owner>, \"text\": \"by <owner>.\", \"deep\": [<deep>]}"))
                .isEqualTo("{\"owner\": null, \"text\": \"by .\", \"deep\": [null]}");
        assertThat(transform(paths, "by <owner>.")).isEqualTo("by .");
    }

    @Test
    void aNullInTheEventIsNull() {
        String event = OBJECT_CREATED.replace("\"size\":1024", "\"size\":null");
        String rendered = TargetInput.transformer(new InputTransformer(Map.of("size", "$.detail.object.size"),
                "{\"size\": <size>, \"text\": \"<size>\"}")).render(event, CONTEXT);

        assertThat(rendered).isEqualTo("{\"size\": null, \"text\": \"null\"}");
    }

    @Test
    void aWildcardPathYieldsAnArray() {
        String rendered = transform(Map.of("resources", "$.resources[*]", "first", "$.resources[0]"),
                "{\"all\": <resources>, \"first\": <first>}");

        assertThat(rendered).isEqualTo("{\"all\": [\"arn:aws:s3:::uploads\"], \"first\": \"arn:aws:s3:::uploads\"}");
    }

    @Test
    void reservedPlaceholdersNeedNoPath() {
        String rendered = transform(Map.of(), "{\"rule\": <aws.events.rule-name>, \"arn\": <aws.events.rule-arn>,"
                + " \"at\": <aws.events.event.ingestion-time>, \"text\": \"<aws.events.rule-name> triggered\"}");

        JsonNode json = parse(rendered);
        assertThat(json.path("rule").asText()).isEqualTo(RULE_NAME);
        assertThat(json.path("arn").asText()).isEqualTo(RULE_ARN);
        assertThat(json.path("at").asText()).isEqualTo("2026-11-30T12:00:01Z");
        assertThat(json.path("text").asText()).isEqualTo("on-upload triggered");
    }

    @Test
    void theEventPlaceholdersGiveTheEventWithAndWithoutDetail() {
        JsonNode json = parse(transform(Map.of(),
                "{\"event\": <aws.events.event>, \"full\": <aws.events.event.json>, \"text\": \"<aws.events.event.json>\"}"));

        JsonNode event = parse(OBJECT_CREATED);
        assertThat(json.path("full")).isEqualTo(event);
        assertThat(json.path("event").has("detail")).isFalse();
        assertThat(json.path("event").path("source").asText()).isEqualTo("demo.storage");
        assertThat(parse(json.path("text").asText())).isEqualTo(event);
    }

    @Test
    void constantInputIsPassedAsIs() {
        String input = "{\"containerOverrides\": [{\"name\": \"main\", \"command\": [\"echo\", \"hi\"]}]}";

        assertThat(TargetInput.constant(input).render(OBJECT_CREATED, CONTEXT)).isEqualTo(input);
    }

    @Test
    void inputPathPassesThePartOfTheEvent() {
        assertThat(TargetInput.path("$.detail.object").render(OBJECT_CREATED, CONTEXT))
                .isEqualTo("{\"key\":\"reports/2026-11.csv\",\"size\":1024}");
        assertThat(TargetInput.path("$.detail.bucket.name").render(OBJECT_CREATED, CONTEXT)).isEqualTo("\"uploads\"");
        assertThat(TargetInput.path("$.detail.missing").render(OBJECT_CREATED, CONTEXT)).isEqualTo("null");
    }

    @Test
    void withoutInputTheTargetGetsTheWholeEvent() {
        assertThat(TargetInput.wholeEvent().render(OBJECT_CREATED, CONTEXT)).isEqualTo(OBJECT_CREATED);
    }

    @Test
    void numbersKeepTheirForm() {
        String event = OBJECT_CREATED.replace("\"size\":1024", "\"size\":1.50");

        assertThat(TargetInput.path("$.detail.object.size").render(event, CONTEXT)).isEqualTo("1.50");
    }

    @Test
    void aRefusedConfigurationIsNotRendered() {
        TargetInput invalid = TargetInput.transformer(new InputTransformer(Map.of(), "{\"a\": <bucket>"));

        assertThatThrownBy(() -> invalid.render(OBJECT_CREATED, CONTEXT))
                .isInstanceOf(InputTransformationException.class)
                .hasMessageContaining("InputTransformer.InputTemplate: must be valid JSON")
                .hasMessageContaining("placeholder <bucket> is not in InputPathsMap");
    }

    @Test
    void anEventThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> TargetInput.transformer(TRANSFORMER).render("{not json", CONTEXT))
                .isInstanceOf(InputTransformationException.class)
                .hasMessageStartingWith("Event is not valid JSON");
    }
}
