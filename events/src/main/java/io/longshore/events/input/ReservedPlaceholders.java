package io.longshore.events.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Set;

/** EventBridge's predefined template variables, usable without InputPathsMap. */
final class ReservedPlaceholders {
    static final String RULE_ARN = "aws.events.rule-arn";
    static final String RULE_NAME = "aws.events.rule-name";
    static final String INGESTION_TIME = "aws.events.event.ingestion-time";
    /** The event without its detail (as EventBridge documents it). */
    static final String EVENT = "aws.events.event";
    /** The whole event, detail included. */
    static final String EVENT_JSON = "aws.events.event.json";

    private static final Set<String> NAMES = Set.of(RULE_ARN, RULE_NAME, INGESTION_TIME, EVENT, EVENT_JSON);

    private ReservedPlaceholders() {
    }

    static boolean isReserved(String name) {
        return NAMES.contains(name);
    }

    /** Whether a user key would collide with EventBridge's namespace ("AWS." in any case). */
    static boolean hasReservedPrefix(String key) {
        return key.toLowerCase(Locale.ROOT).startsWith("aws.");
    }

    static JsonNode valueOf(String name, JsonNode event, EventContext context) {
        switch (name) {
            case RULE_ARN:
                return TextNode.valueOf(context.ruleArn());
            case RULE_NAME:
                return TextNode.valueOf(context.ruleName());
            case INGESTION_TIME:
                return TextNode.valueOf(context.ingestionTime().toString());
            case EVENT:
                return withoutDetail(event);
            case EVENT_JSON:
                return event;
            default:
                throw new IllegalArgumentException("not a reserved placeholder: " + name);
        }
    }

    private static JsonNode withoutDetail(JsonNode event) {
        if (!event.isObject()) {
            return event;
        }
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.remove("detail");
        return copy;
    }
}
