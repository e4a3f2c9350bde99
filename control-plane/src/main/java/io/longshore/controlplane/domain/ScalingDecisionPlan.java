package io.longshore.controlplane.domain;

import io.longshore.common.messaging.ScalingDecision;
import java.time.Instant;

/**
 * What carrying out one of the autoscaler's decisions does, decided from the target and the service
 * as they are now. A decision for a target that is gone or a service that is not ACTIVE is recorded
 * as a Failed activity and changes nothing; otherwise a scheduled action's capacities apply to the
 * target, and the desired count moves to the decision's, kept within the target's range (the user
 * may have narrowed it since the autoscaler decided).
 *
 * @param target       the target with a scheduled action's new capacities; null when it does not change
 * @param desiredCount the service's new desired count; null when it does not change
 * @param description  the activity's one line, e.g. "Setting desired count to 4."
 */
public record ScalingDecisionPlan(ScalableTarget target, Integer desiredCount, String statusCode,
                                  String statusMessage, String description) {
    public static final String SUCCESSFUL = "Successful";
    public static final String FAILED = "Failed";

    public static ScalingDecisionPlan of(ScalingDecision decision, ScalableTarget current, Service service,
                                         Instant now) {
        if (current == null) {
            return failed(decision, "no scalable target is registered for " + decision.resourceId() + " any more");
        }
        if (service == null || !service.isActive()) {
            return failed(decision, "the service is " + (service == null ? "gone" : service.status()));
        }
        ScalableTarget next = current;
        if (ScalingDecision.SCHEDULED_ACTION.equals(decision.cause())
                && (decision.newMinCapacity() != null || decision.newMaxCapacity() != null)) {
            next = current.withScheduledCapacities(decision.newMinCapacity(), decision.newMaxCapacity(), now);
        }
        int to = next.clamp(decision.toCapacity());
        String description = to == decision.toCapacity() && decision.description() != null
                ? decision.description() : describe(to);
        return new ScalingDecisionPlan(next == current ? null : next,
                to == service.desiredCount() ? null : to, SUCCESSFUL, null, description);
    }

    /** ECS's words for a change of the desired count. */
    public static String describe(int desiredCount) {
        return "Setting desired count to " + desiredCount + ".";
    }

    private static ScalingDecisionPlan failed(ScalingDecision decision, String why) {
        String description = decision.description() != null ? decision.description() : describe(decision.toCapacity());
        return new ScalingDecisionPlan(null, null, FAILED, "Failed to carry out the decision: " + why + ".",
                description);
    }
}
