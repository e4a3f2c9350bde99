package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** One entry of PutEvents, with EventBridge's member names. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record EventEntry(String source, String detailType, String detail, List<String> resources, Instant time,
                         String eventBusName) {
}
