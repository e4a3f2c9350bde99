package io.longshore.common.events;

import java.time.Instant;

/**
 * An event on an event bus, as carried by {@code longshore.events} keyed {@code <bus>/<event id>}.
 *
 * @param eventBusName the bus the event was put on
 * @param event        the envelope rules match
 * @param ingestedAt   when Longshore accepted the event (ISO instant; the event's own time may be the sender's)
 * @param scheduledRule set only for a schedule's tick: the one rule (on this bus) the event is for; no
 *                     pattern is matched against it, as EventBridge delivers a scheduled event to its own rule only
 */
public record BusEvent(int schemaVersion, String eventBusName, EventEnvelope event, Instant ingestedAt,
                       String scheduledRule) {
    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT_BUS = "default";

    public BusEvent(String eventBusName, EventEnvelope event, Instant ingestedAt, String scheduledRule) {
        this(SCHEMA_VERSION, eventBusName, event, ingestedAt, scheduledRule);
    }

    public String key() {
        return eventBusName + "/" + event.id();
    }
}
