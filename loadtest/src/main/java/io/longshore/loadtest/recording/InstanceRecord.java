package io.longshore.loadtest.recording;

import io.longshore.common.messaging.InstanceState;
import java.time.Instant;

/** One instance-state report of the run's cluster and when it was seen. */
public record InstanceRecord(Instant time, InstanceState state) {
}
