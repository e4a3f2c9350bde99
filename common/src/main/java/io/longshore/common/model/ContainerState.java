package io.longshore.common.model;

import java.util.List;

/** The observed state of one container of a task. */
public record ContainerState(
        String name,
        String image,
        String runtimeId,
        TaskStatus lastStatus,
        Integer exitCode,
        String reason,
        List<NetworkBinding> networkBindings) {
}
