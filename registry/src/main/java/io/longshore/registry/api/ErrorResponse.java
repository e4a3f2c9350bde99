package io.longshore.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** ECR's error body: {@code {"__type": "RepositoryNotFoundException", "message": "..."}}. */
public record ErrorResponse(@JsonProperty("__type") String type, String message) {
}
