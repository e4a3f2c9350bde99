package io.longshore.common.model;

/**
 * A container's or task's health as ECS reports it. A task is HEALTHY when every essential
 * container with a health check is healthy, UNHEALTHY when any of them is unhealthy, and UNKNOWN
 * while checks are starting or when no container has one.
 */
public enum HealthStatus {
    HEALTHY, UNHEALTHY, UNKNOWN
}
