package io.longshore.common.model;

import java.util.List;

/**
 * A container health check as ECS's task definition has it, run by Docker on the agent.
 *
 * @param command     {@code ["CMD-SHELL", "cmd"]} or {@code ["CMD", "exe", "arg"...]}
 * @param interval    seconds between checks (5–300, default 30)
 * @param timeout     seconds a check may take (2–60, default 5)
 * @param retries     consecutive failures before unhealthy (1–10, default 3)
 * @param startPeriod seconds of grace after start during which failures do not count (0–300, default 0)
 */
public record HealthCheck(List<String> command, Integer interval, Integer timeout, Integer retries,
                          Integer startPeriod) {
    public static final int DEFAULT_INTERVAL = 30;
    public static final int DEFAULT_TIMEOUT = 5;
    public static final int DEFAULT_RETRIES = 3;
    public static final int DEFAULT_START_PERIOD = 0;

    public int intervalOrDefault() {
        return interval == null ? DEFAULT_INTERVAL : interval;
    }

    public int timeoutOrDefault() {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public int retriesOrDefault() {
        return retries == null ? DEFAULT_RETRIES : retries;
    }

    public int startPeriodOrDefault() {
        return startPeriod == null ? DEFAULT_START_PERIOD : startPeriod;
    }
}
