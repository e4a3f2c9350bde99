package io.longshore.controlplane.domain;

import java.util.Map;

/**
 * CreateAutoScalingGroup: a group of hosts Longshore starts itself (our stand-in for an EC2 Auto
 * Scaling group), each offering {@code instanceType}'s CPU and memory and registering with
 * {@code attributes}.
 *
 * @param desiredCapacity absent: {@code minSize}
 * @param provisioner     {@code docker} (default: an agent container on the local engine) or {@code process}
 */
public record CreateAutoScalingGroup(
        String autoScalingGroupName,
        Integer minSize,
        Integer maxSize,
        Integer desiredCapacity,
        InstanceType instanceType,
        Map<String, String> attributes,
        String provisioner) {

    /** What each host offers: CPU units and MiB. */
    public record InstanceType(Integer cpu, Integer memory) {
    }
}
