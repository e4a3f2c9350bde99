package io.longshore.controlplane.domain;

import io.longshore.common.model.Arns;
import java.util.UUID;

/** ARNs of cluster auto scaling, in ECS's and EC2 Auto Scaling's shapes, in Longshore's one account and region. */
public final class CapacityProviderArns {
    private static final String ACCOUNT = Arns.REGION + ":" + Arns.ACCOUNT + ":";
    private static final String GROUP_NAME = ":autoScalingGroupName/";

    private CapacityProviderArns() {
    }

    /** {@code arn:aws:ecs:local:000000000000:capacity-provider/<name>}. */
    public static String capacityProvider(String name) {
        return "arn:aws:ecs:" + ACCOUNT + "capacity-provider/" + name;
    }

    /** {@code arn:aws:autoscaling:local:000000000000:autoScalingGroup:<uuid>:autoScalingGroupName/<name>}, a new uuid each time. */
    public static String newAutoScalingGroup(String name) {
        return "arn:aws:autoscaling:" + ACCOUNT + "autoScalingGroup:" + UUID.randomUUID() + GROUP_NAME + name;
    }

    /** The group name an ARN of that shape ends with, or the value itself when it is no ARN. */
    public static String groupName(String arnOrName) {
        if (!arnOrName.startsWith("arn:")) {
            return arnOrName;
        }
        int at = arnOrName.lastIndexOf(GROUP_NAME);
        return at < 0 ? null : arnOrName.substring(at + GROUP_NAME.length());
    }
}
