package io.longshore.events.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An InputTemplate read once: literal text and {@code <name>} placeholders, each placeholder
 * knowing whether it stands as a JSON value or inside a JSON string, because that decides how its
 * value is written.
 */
final class Template {
    static final int MAX_LENGTH = 8192;

    // "<" and ">" cannot be escaped in EventBridge templates; a name is a key or a reserved name
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

    /** Where a placeholder stands. */
    enum Position { VALUE, IN_STRING, IN_KEY }

    private sealed interface Part permits Literal, Slot {
    }

    private record Literal(String text) implements Part {
    }

    private record Slot(String name, Position position) implements Part {
    }

    private final String text;
    private final List<Part> parts;
    /** Why the template is not JSON (null when it is), judged with every value absent. */
    private final String jsonProblem;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
        // any JSON value fits where "null" fits, so this verdict holds for every event
        this.jsonProblem = JsonText.problem(render(name -> null, true)).orElse(null);
    }

    static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        List<Integer> slotsOfCurrentString = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        boolean inString = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<' && placeholder.region(i, text.length()).lookingAt()) {
                flush(literal, parts);
                if (inString) {
                    slotsOfCurrentString.add(parts.size());
                }
                parts.add(new Slot(placeholder.group(1), inString ? Position.IN_STRING : Position.VALUE));
                i = placeholder.end();
                continue;
            }
            literal.append(c);
            if (inString && c == '\\' && i + 1 < text.length()) {
                literal.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                if (inString && isFollowedByColon(text, i + 1)) {
                    markAsKeys(slotsOfCurrentString, parts);
                }
                slotsOfCurrentString.clear();
                inString = !inString;
            }
            i++;
        }
        flush(literal, parts);
        return new Template(text, List.copyOf(parts));
    }

    /** Whether the template, placeholders aside, is JSON: then values are written as JSON. */
    boolean isJson() {
        return jsonProblem == null;
    }

    /** Why the template is not JSON; empty when it is. */
    Optional<String> jsonProblem() {
        return Optional.ofNullable(jsonProblem);
    }

    /** A template that opens like a JSON object or array is meant as JSON, and must be. */
    boolean isMeantAsJson() {
        String trimmed = text.strip();
        return trimmed.startsWith("{") || trimmed.startsWith("[");
    }

    /** The placeholder names, in order of first use. */
    Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Slot slot) {
                names.add(slot.name());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** The placeholders used inside an object key, which EventBridge forbids in JSON templates. */
    Set<String> placeholdersInKeys() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Slot slot && slot.position() == Position.IN_KEY) {
                names.add(slot.name());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * The text with every placeholder replaced by its value ({@code valueOf} answers null when the
     * event has nothing there). JSON templates: a value outside quotes is written as JSON (absent:
     * null); inside a string, its text escaped for JSON (absent: nothing). Plain text: the values'
     * text as is.
     */
    String render(Function<String, JsonNode> valueOf) {
        return render(valueOf, isJson());
    }

    private String render(Function<String, JsonNode> valueOf, boolean asJson) {
        StringBuilder out = new StringBuilder(text.length());
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
                continue;
            }
            Slot slot = (Slot) part;
            JsonNode value = valueOf.apply(slot.name());
            if (!asJson) {
                out.append(value == null ? "" : JsonText.text(value));
            } else if (slot.position() == Position.VALUE) {
                out.append(value == null ? "null" : JsonText.write(value));
            } else {
                out.append(value == null ? "" : JsonText.escape(JsonText.text(value)));
            }
        }
        return out.toString();
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static boolean isFollowedByColon(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == ':';
            }
        }
        return false;
    }

    private static void markAsKeys(List<Integer> slotIndexes, List<Part> parts) {
        for (int index : slotIndexes) {
            Slot slot = (Slot) parts.get(index);
            parts.set(index, new Slot(slot.name(), Position.IN_KEY));
        }
    }
}
