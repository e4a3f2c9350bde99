package io.longshore.common.model;

import java.util.List;

/** The observed state of one container of a task; healthStatus is null without a health check. */
public record ContainerState(
        String name,
        String image,
        String runtimeId,
        TaskStatus lastStatus,
        Integer exitCode,
        String reason,
        List<NetworkBinding> networkBindings,
        HealthStatus healthStatus) {

    public ContainerState(String name, String image, String runtimeId, TaskStatus lastStatus, Integer exitCode,
                          String reason, List<NetworkBinding> networkBindings) {
        this(name, image, runtimeId, lastStatus, exitCode, reason, networkBindings, null);
    }
}
