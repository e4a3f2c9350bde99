package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A scheduled action of one scalable target (PutScheduledAction).
 *
 * @param schedule  {@code at(yyyy-mm-ddThh:mm:ss)}, {@code rate(value unit)} or {@code cron(six fields)}
 * @param timezone  an IANA zone for at and cron (default UTC)
 * @param startTime the action is not taken before it (null: from its creation)
 * @param endTime   nor after it (null: no end)
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record ScheduledAction(
        String scheduledActionName,
        String scheduledActionARN,
        String schedule,
        String timezone,
        Instant startTime,
        Instant endTime,
        ScalableTargetAction scalableTargetAction,
        Instant creationTime) {
}
