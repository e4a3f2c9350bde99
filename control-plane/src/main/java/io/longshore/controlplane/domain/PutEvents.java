package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** PutEvents: 1 to 10 entries. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PutEvents(List<EventEntry> entries) {
}
