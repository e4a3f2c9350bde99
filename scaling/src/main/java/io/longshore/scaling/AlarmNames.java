package io.longshore.scaling;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The CloudWatch alarm names a policy's activities cite, as AWS shapes them. The control plane
 * answers PutScalingPolicy with them and the autoscaler names them in its causes, so both derive
 * them here; the uuid AWS appends is derived from the target and the policy, not random.
 */
public final class AlarmNames {
    public static final String HIGH = "AlarmHigh";
    public static final String LOW = "AlarmLow";

    private AlarmNames() {
    }

    /** {@code TargetTracking-<resourceId>-AlarmHigh-<uuid>} or {@code ...-AlarmLow-<uuid>}. */
    public static String targetTracking(String resourceId, String policyName, String side) {
        UUID id = UUID.nameUUIDFromBytes((resourceId + "|" + policyName + "|" + side).getBytes(StandardCharsets.UTF_8));
        return "TargetTracking-" + resourceId + "-" + side + "-" + id;
    }

    /** A step policy's alarm given without a name. */
    public static String step(String resourceId, String policyName) {
        return "Step-" + resourceId + "-" + policyName;
    }
}
