package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScheduledAction;
import java.time.Instant;

/** PutScheduledAction's body; the action's name comes from the path. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PutScheduledAction(String schedule, String timezone, Instant startTime, Instant endTime,
                                 ScalableTargetAction scalableTargetAction) {

    /** The action as asked for, with the ARN and creation time it is to have. */
    public ScheduledAction named(String name, String arn, Instant creationTime) {
        return new ScheduledAction(name, arn, schedule, timezone, startTime, endTime, scalableTargetAction,
                creationTime);
    }
}
