package io.longshore.common.model;

/** A published port of a running container, as ECS reports it. */
public record NetworkBinding(String bindIP, int containerPort, int hostPort, String protocol) {
}
