package io.longshore.controlplane.domain;

/**
 * ECS's Attribute as PutAttributes and DeleteAttributes take it: a name, a value (optional when
 * deleting), and the container instance it is on ({@code targetType} {@code container-instance},
 * {@code targetId} the instance id or ARN).
 */
public record InstanceAttribute(String name, String value, String targetType, String targetId) {
}
