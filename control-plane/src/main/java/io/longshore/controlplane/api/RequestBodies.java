package io.longshore.controlplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.Violation;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies. Parsing here rather than in the framework's reader lets a bad body get a
 * 400 that names the field ({@code count: must be an integer}) or says the JSON is malformed.
 */
public final class RequestBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBodies() {
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw malformed("the request body is empty");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw malformed("the request body must be a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw malformed("the request body must be a JSON object");
            }
            throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, field, expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            String field = path(e);
            throw field.isEmpty()
                    ? malformed(e.getOriginalMessage())
                    : InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, field,
                            "is invalid (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage());
        }
    }

    private static InvalidRequestException malformed(String detail) {
        // Not a field: the whole body. The message reads "malformed JSON: <what the parser said>".
        return new InvalidRequestException(InvalidRequestException.CLIENT_EXCEPTION,
                List.of(new Violation("malformed JSON", detail)));
    }

    /** The JSON path of the failing member: {@code containerDefinitions[0].memory}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
