package io.longshore.controlplane.validation;

import io.longshore.common.model.InstanceStatus;
import io.longshore.controlplane.domain.UpdateInstanceState;

/** UpdateContainerInstancesState's rules: a user may only drain an instance or make it ACTIVE again. Pure. */
public final class InstanceStateRules {
    static final String STATUS_RULE = "must be " + InstanceStatus.ACTIVE + " or " + InstanceStatus.DRAINING;

    private InstanceStateRules() {
    }

    /** The requested status, ACTIVE or DRAINING (exactly as ECS spells them); anything else, or none, is a 400. */
    public static InstanceStatus validate(UpdateInstanceState request) {
        String status = request == null ? null : request.status();
        if (InstanceStatus.ACTIVE.name().equals(status)) {
            return InstanceStatus.ACTIVE;
        }
        if (InstanceStatus.DRAINING.name().equals(status)) {
            return InstanceStatus.DRAINING;
        }
        throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, "status", STATUS_RULE);
    }
}
