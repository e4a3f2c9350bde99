package io.longshore.controlplane.service;

import io.longshore.controlplane.store.TaskEntity;
import java.util.List;

/** RunTask's answer: the tasks started (or still waiting for placement) and the ones that could not be placed. */
public record RunTaskResult(List<TaskEntity> tasks, List<Failure> failures) {

    /** ECS's {@code failures[]} entry. */
    public record Failure(String arn, String reason, String detail) {
    }
}
