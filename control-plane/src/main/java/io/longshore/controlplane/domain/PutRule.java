package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * PutRule (the rule's name and bus come from the path). {@code EventPattern} is JSON text as in
 * EventBridge; a JSON object is taken too, which saves escaping on the command line.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PutRule(String description, JsonNode eventPattern, String scheduleExpression,
                      String scheduleExpressionTimezone, String state) {
}
