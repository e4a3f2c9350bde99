package io.longshore.controlplane.domain;

/** The body of UpdateContainerInstancesState for one instance: the status to put it in (ACTIVE or DRAINING). */
public record UpdateInstanceState(String status) {
}
