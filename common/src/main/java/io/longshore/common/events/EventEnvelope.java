package io.longshore.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.model.Arns;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * EventBridge's event envelope, with EventBridge's member names: what event patterns match and
 * what targets receive. {@code time} has whole seconds, as EventBridge's has.
 */
@JsonPropertyOrder({"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"})
public record EventEnvelope(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        JsonNode detail) {
    public static final String VERSION = "0";

    public static EventEnvelope of(String id, String detailType, String source, Instant time, List<String> resources,
                                   JsonNode detail) {
        return new EventEnvelope(VERSION, id, detailType, source, Arns.ACCOUNT, time.truncatedTo(ChronoUnit.SECONDS),
                Arns.REGION, resources == null ? List.of() : List.copyOf(resources), detail);
    }
}
