package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Which kinds of scaling are suspended for a target (null means false). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record SuspendedState(Boolean dynamicScalingInSuspended, Boolean dynamicScalingOutSuspended,
                             Boolean scheduledScalingSuspended) {
    public static final SuspendedState NONE = new SuspendedState(false, false, false);

    public boolean scaleInSuspended() {
        return Boolean.TRUE.equals(dynamicScalingInSuspended);
    }

    public boolean scaleOutSuspended() {
        return Boolean.TRUE.equals(dynamicScalingOutSuspended);
    }

    public boolean scheduledSuspended() {
        return Boolean.TRUE.equals(scheduledScalingSuspended);
    }
}
