package io.longshore.events.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.events.EventEnvelope;
import io.longshore.common.messaging.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The project's demo: an S3-style "Object Created" event and the ECS target's transformer. */
final class DemoEvents {
    static final String RULE_NAME = "on-upload";
    static final String RULE_ARN = "arn:aws:events:local:000000000000:rule/on-upload";
    static final Instant INGESTED = Instant.parse("2026-11-30T12:00:01Z");
    static final EventContext CONTEXT = new EventContext(RULE_NAME, RULE_ARN, INGESTED);

    static final String TEMPLATE = "{\"containerOverrides\":[{\"name\":\"main\",\"environment\":["
            + "{\"name\":\"BUCKET\",\"value\":<bucket>},{\"name\":\"KEY\",\"value\":<key>}]}]}";
    static final Map<String, String> PATHS = Map.of("bucket", "$.detail.bucket.name", "key", "$.detail.object.key");
    static final InputTransformer TRANSFORMER = new InputTransformer(PATHS, TEMPLATE);

    static final String OBJECT_CREATED = objectCreated("reports/2026-11.csv");

    private DemoEvents() {
    }

    static String objectCreated(String key) {
        JsonNode detail = Json.MAPPER.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("bucket",
                        Json.MAPPER.createObjectNode().put("name", "uploads"))
                .set("object", Json.MAPPER.createObjectNode().put("key", key).put("size", 1024));
        return Json.write(EventEnvelope.of("6a7e8feb-b491-4cf7-a9f1-bf3703467718", "Object Created", "demo.storage",
                Instant.parse("2026-11-30T12:00:00Z"), List.of("arn:aws:s3:::uploads"), detail));
    }

    static JsonNode parse(String json) {
        return Json.read(json, JsonNode.class);
    }
}
