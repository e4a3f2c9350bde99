package io.longshore.events.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * EventBridge's InputTransformer: named JSONPaths into the event, and a template that places
 * their values (and the reserved {@code aws.events.*} values) as {@code <name>}.
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
    public static final int MAX_PATHS = 100;
    public static final int MAX_KEY_LENGTH = 256;
    public static final int MAX_TEMPLATE_LENGTH = Template.MAX_LENGTH;

    private static final String PATHS = "InputTransformer.InputPathsMap";
    private static final String TEMPLATE = "InputTransformer.InputTemplate";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-]+");

    public InputTransformer {
        // kept in order, and able to hold a null entry so that violations() can name it
        inputPathsMap = inputPathsMap == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
    }

    /** Why PutTargets refuses this transformer, each naming the member; empty when valid. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (inputPathsMap.size() > MAX_PATHS) {
            violations.add(PATHS + ": at most " + MAX_PATHS + " entries");
        }
        inputPathsMap.forEach((key, path) -> checkEntry(key, path, violations));
        checkTemplate(violations);
        return List.copyOf(violations);
    }

    /** The text for this event; call only when {@link #violations()} is empty. */
    String render(JsonNode event, EventContext context) {
        Objects.requireNonNull(context, "context");
        Template template = Template.parse(inputTemplate);
        String rendered = template.render(name -> ReservedPlaceholders.isReserved(name)
                ? ReservedPlaceholders.valueOf(name, event, context)
                : JsonPaths.read(inputPathsMap.get(name), event));
        if (template.isJson()) {
            JsonText.problem(rendered).ifPresent(problem -> {
                throw new InputTransformationException(TEMPLATE + ": the rendered input is not valid JSON ("
                        + problem + ")");
            });
        }
        return rendered;
    }

    private static void checkEntry(String key, String path, List<String> violations) {
        if (key == null || key.isEmpty()) {
            violations.add(PATHS + ": keys must not be empty");
            return;
        }
        if (key.length() > MAX_KEY_LENGTH) {
            violations.add(PATHS + ": key \"" + key.substring(0, 32) + "...\" must have at most "
                    + MAX_KEY_LENGTH + " characters");
        } else if (ReservedPlaceholders.hasReservedPrefix(key)) {
            violations.add(PATHS + ": key \"" + key + "\" must not start with \"AWS.\" (reserved)");
        } else if (!KEY.matcher(key).matches()) {
            violations.add(PATHS + ": key \"" + key + "\" may contain only letters, digits, _ and -");
        }
        JsonPaths.problem(path).ifPresent(problem ->
                violations.add(PATHS + ": value of \"" + key + "\" " + problem));
    }

    private void checkTemplate(List<String> violations) {
        if (inputTemplate == null || inputTemplate.isEmpty()) {
            violations.add(TEMPLATE + ": is required");
            return;
        }
        if (inputTemplate.length() > MAX_TEMPLATE_LENGTH) {
            violations.add(TEMPLATE + ": must have at most " + MAX_TEMPLATE_LENGTH + " characters");
            return;
        }
        Template template = Template.parse(inputTemplate);
        for (String name : template.placeholders()) {
            if (!ReservedPlaceholders.isReserved(name) && !inputPathsMap.containsKey(name)) {
                violations.add(TEMPLATE + ": placeholder <" + name + "> is not in InputPathsMap");
            }
        }
        if (template.isMeantAsJson()) {
            template.jsonProblem().ifPresent(problem ->
                    violations.add(TEMPLATE + ": must be valid JSON (" + problem + ")"));
        }
        if (template.isJson()) {
            for (String name : template.placeholdersInKeys()) {
                violations.add(TEMPLATE + ": placeholder <" + name + "> cannot be used as an object key");
            }
        }
    }
}
