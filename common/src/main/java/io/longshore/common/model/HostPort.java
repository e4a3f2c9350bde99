package io.longshore.common.model;

/** A host port held on a container instance, per protocol ({@code tcp} or {@code udp}). */
public record HostPort(int port, String protocol) {
}
