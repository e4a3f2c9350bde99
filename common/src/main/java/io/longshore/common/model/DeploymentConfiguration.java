package io.longshore.common.model;

/**
 * How a service rolls out a new deployment, as ECS's {@code deploymentConfiguration}.
 *
 * @param minimumHealthyPercent lower bound of healthy RUNNING tasks, percent of desiredCount, rounded up
 * @param maximumPercent        upper bound of RUNNING + PENDING + STOPPING tasks, percent of desiredCount,
 *                              rounded down
 */
public record DeploymentConfiguration(Integer minimumHealthyPercent, Integer maximumPercent,
                                      DeploymentCircuitBreaker deploymentCircuitBreaker) {
    public static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
    public static final int DEFAULT_MAXIMUM_PERCENT = 200;

    /** ECS's circuit breaker: fail the deployment when too many tasks fail, and optionally roll back. */
    public record DeploymentCircuitBreaker(boolean enable, boolean rollback) {
    }

    /** ECS's defaults for a replica service: 100 / 200, breaker off. */
    public static DeploymentConfiguration defaults() {
        return new DeploymentConfiguration(DEFAULT_MINIMUM_HEALTHY_PERCENT, DEFAULT_MAXIMUM_PERCENT,
                new DeploymentCircuitBreaker(false, false));
    }

    public int minimumHealthyPercentOrDefault() {
        return minimumHealthyPercent == null ? DEFAULT_MINIMUM_HEALTHY_PERCENT : minimumHealthyPercent;
    }

    public int maximumPercentOrDefault() {
        return maximumPercent == null ? DEFAULT_MAXIMUM_PERCENT : maximumPercent;
    }

    public boolean circuitBreakerEnabled() {
        return deploymentCircuitBreaker != null && deploymentCircuitBreaker.enable();
    }

    public boolean rollbackEnabled() {
        return circuitBreakerEnabled() && deploymentCircuitBreaker.rollback();
    }
}
