package io.longshore.loadtest.recording;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run recorded, the input of the invariant checks and the report (pure data).
 *
 * @param taskEvents          the cluster's task-state reports in partition order
 * @param instances           the cluster's instance-state reports in partition order
 * @param accepted            tasks our RunTask calls got accepted
 * @param constraintsByGroup  the constraints of tasks the system created itself (a service's group
 *                            {@code service:<name>}, an event target's group), by task group
 * @param apiFailures         RunTask answers' failures[] by reason, and failed calls by status
 * @param waitingAtEnd        tasks unplaced at the end that the API shows waiting, with the reason it gives
 * @param cpu                 CPU by stack component, about once a second during the workload (empty without /proc)
 */
public record Recording(
        String cluster,
        Instant start,
        Instant end,
        List<TaskEvent> taskEvents,
        List<InstanceRecord> instances,
        List<AcceptedTask> accepted,
        Map<String, List<PlacementConstraint>> constraintsByGroup,
        Map<String, Long> apiFailures,
        Map<String, String> waitingAtEnd,
        List<LagSample> lag,
        List<CpuSample> cpu) {
}
