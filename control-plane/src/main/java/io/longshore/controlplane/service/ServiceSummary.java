package io.longshore.controlplane.service;

import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.store.ServiceEventEntity;
import java.util.List;

/** A service and its newest events (at most {@link ServiceService#EVENTS_SHOWN}), newest first. */
public record ServiceSummary(Service service, List<ServiceEventEntity> events) {
}
