package io.longshore.events.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.longshore.common.messaging.Json;
import java.util.Optional;

/** Strict JSON text: exactly one value, nothing after it, numbers kept as written. */
final class JsonText {
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 1.50 stays 1.50 and 1e400 stays a number when a value is copied into a template
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private JsonText() {
    }

    /** Empty when the text is exactly one JSON value; otherwise the parser's complaint. */
    static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws IllegalArgumentException when the text is not exactly one JSON value */
    static JsonNode parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no JSON text");
        }
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The value as JSON text. */
    static String write(JsonNode value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The value as text: a string's characters, any other value's JSON text. */
    static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : write(value);
    }

    /** The characters escaped to sit between the quotes of a JSON string. */
    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
