package io.longshore.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.events.EventEnvelope;
import io.longshore.common.messaging.Json;
import java.time.Instant;
import java.util.List;

/** Events as the bus matches them: an EventEnvelope serialized to JSON. */
final class TestEvents {
    static final String OBJECT_ARN = "arn:aws:s3:::uploads/reports/2026-11.csv";

    /** The demo's S3-style event, with a few more detail fields for the operators. */
    static final String OBJECT_CREATED = envelope("demo.storage", "Object Created", """
            {
              "bucket": {"name": "uploads"},
              "object": {"key": "reports/2026-11.csv", "size": 1024, "etag": null, "ratio": -2.5},
              "requester": {"ip": "203.0.113.7", "ipv6": "2001:db8::1"},
              "tags": ["finance", "monthly"],
              "items": [{"kind": "csv", "rows": 10}, {"kind": "json", "rows": 20}],
              "label": "Quarterly-Report"
            }""");

    private TestEvents() {
    }

    static String envelope(String source, String detailType, String detailJson) {
        JsonNode detail = Json.read(detailJson, JsonNode.class);
        return Json.write(EventEnvelope.of("6a7e8feb-b491-4cf7-a9f1-bf3703467718", detailType, source,
                Instant.parse("2026-11-30T12:00:00Z"), List.of(OBJECT_ARN), detail));
    }
}
