package io.longshore.events.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.longshore.common.messaging.Json;
import java.util.Optional;

/** JSONPath (Jayway) over Jackson trees, as EventBridge's InputPath and InputPathsMap values use it. */
final class JsonPaths {
    static final int MAX_LENGTH = 256;

    // SUPPRESS_EXCEPTIONS: a path absent in the event reads as "nothing", as in EventBridge, not as an error
    private static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private JsonPaths() {
    }

    /** Empty when the text is a JSONPath EventBridge would take; otherwise why not. */
    static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (path.length() > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        if (!path.startsWith("$")) {
            return Optional.of("must be a JSONPath starting with $");
        }
        try {
            JsonPath.compile(path);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("must be a valid JSONPath (" + e.getMessage() + ")");
        }
    }

    /** The value at the path; null when the event has nothing there. */
    static JsonNode read(String path, JsonNode event) {
        Object value = JsonPath.compile(path).read(event, CONFIGURATION);
        if (value == null || value instanceof JsonNode) {
            return (JsonNode) value;
        }
        return Json.MAPPER.valueToTree(value);
    }
}
