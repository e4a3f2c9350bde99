package io.longshore.common.messaging;

import java.time.Instant;

/**
 * One line of a service's event log ("(service web) has reached a steady state."), on
 * {@link Topics#SERVICE_EVENTS}, keyed {@code <cluster>/<serviceName>}. The id makes a redelivered
 * event harmless to store twice.
 */
public record ServiceEvent(int schemaVersion, String cluster, String serviceName, String id, Instant createdAt,
                           String message) {
    public static final int SCHEMA_VERSION = 1;

    public ServiceEvent(String cluster, String serviceName, String id, Instant createdAt, String message) {
        this(SCHEMA_VERSION, cluster, serviceName, id, createdAt, message);
    }

    public String key() {
        return MessageKeys.of(cluster, serviceName);
    }
}
