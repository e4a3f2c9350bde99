package io.longshore.scheduler.deployment;

import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.scheduler.service.SchedulerAction;
import java.util.List;

/**
 * What one reconciliation of a service decided: task reports and agent commands to publish, the
 * service's status (publish it when it differs from the last one), and new lines of its event log.
 */
public record ReconcileOutcome(List<SchedulerAction> actions, ServiceStatus status, List<ServiceEvent> events) {
}
