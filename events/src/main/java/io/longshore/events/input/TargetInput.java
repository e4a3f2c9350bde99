package io.longshore.events.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a target passes: at most one of input (constant JSON text), inputPath (a JSONPath into the
 * event) or inputTransformer; none = the whole event.
 */
public record TargetInput(String input, String inputPath, InputTransformer inputTransformer) {
    public static final int MAX_INPUT_LENGTH = 8192;

    public static TargetInput wholeEvent() {
        return new TargetInput(null, null, null);
    }

    public static TargetInput constant(String json) {
        return new TargetInput(json, null, null);
    }

    public static TargetInput path(String jsonPath) {
        return new TargetInput(null, jsonPath, null);
    }

    public static TargetInput transformer(InputTransformer transformer) {
        return new TargetInput(null, null, transformer);
    }

    /**
     * Why this configuration is refused (PutTargets), each naming the member and the rule, e.g.
     * "Input: must be valid JSON"; empty when valid. Member names: Input, InputPath,
     * InputTransformer.InputPathsMap, InputTransformer.InputTemplate.
     */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (Stream.of(input, inputPath, inputTransformer).filter(member -> member != null).count() > 1) {
            violations.add("Input, InputPath, InputTransformer: at most one of them may be set");
        }
        if (input != null) {
            if (input.length() > MAX_INPUT_LENGTH) {
                violations.add("Input: must have at most " + MAX_INPUT_LENGTH + " characters");
            } else {
                JsonText.problem(input).ifPresent(problem ->
                        violations.add("Input: must be valid JSON (" + problem + ")"));
            }
        }
        if (inputPath != null) {
            JsonPaths.problem(inputPath).ifPresent(problem -> violations.add("InputPath: " + problem));
        }
        if (inputTransformer != null) {
            violations.addAll(inputTransformer.violations());
        }
        return List.copyOf(violations);
    }

    /**
     * The text the target receives for this event (envelope JSON). A path absent in the event
     * yields {@code null} for InputPath and for a placeholder outside quotes, and nothing for a
     * placeholder inside a string or a plain-text template.
     *
     * @throws InputTransformationException when the configuration has violations, the event is not
     *         JSON, or the result is not what the rules allow (e.g. a JSON template that yields
     *         invalid JSON)
     */
    public String render(String eventJson, EventContext context) {
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new InputTransformationException(String.join("; ", violations));
        }
        if (input != null) {
            return input;
        }
        if (inputPath == null && inputTransformer == null) {
            return eventJson;
        }
        JsonNode event = parseEvent(eventJson);
        if (inputPath != null) {
            JsonNode value = JsonPaths.read(inputPath, event);
            return value == null ? "null" : JsonText.write(value);
        }
        return inputTransformer.render(event, context);
    }

    private static JsonNode parseEvent(String eventJson) {
        try {
            return JsonText.parse(eventJson);
        } catch (IllegalArgumentException e) {
            throw new InputTransformationException("Event is not valid JSON (" + e.getMessage() + ")", e);
        }
    }
}
