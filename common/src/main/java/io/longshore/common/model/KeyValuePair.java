package io.longshore.common.model;

/** ECS's name/value pair (environment variables, attributes). */
public record KeyValuePair(String name, String value) {
}
