package io.longshore.autoscaler.hosts;

import java.time.Instant;

/**
 * A host a provisioner started and that still runs.
 *
 * @param bindIp     the loopback address its agent publishes task ports on
 * @param launchedAt when it was started (warm-up and the registration timeout count from here)
 */
public record ProvisionedHost(String hostId, String group, String bindIp, Instant launchedAt) {
}
