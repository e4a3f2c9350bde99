package io.longshore.controlplane.domain;

/** UpdateAutoScalingGroup: the sizes it names change, the others stay. */
public record UpdateAutoScalingGroup(Integer minSize, Integer maxSize, Integer desiredCapacity) {
}
