package io.longshore.controlplane.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** ECS's error body: {@code {"__type": "ClusterNotFoundException", "message": "..."}}. */
public record ErrorResponse(@JsonProperty("__type") String type, String message) {
}
