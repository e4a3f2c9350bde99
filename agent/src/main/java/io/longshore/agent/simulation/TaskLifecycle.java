package io.longshore.agent.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * How simulated tasks behave, per container: how long a start takes, how long it then runs and
 * with which exit code it ends, how often a start fails, and how often a health check turns
 * UNHEALTHY.
 *
 * @param runDuration {@link DurationDistribution.Forever} for containers that run until stopped
 * @param usage       whether simulated containers answer usage readings (by default they have none)
 */
public record TaskLifecycle(DurationDistribution startDelay, DurationDistribution runDuration,
                            WeightedChoice<Integer> exitCodes, double startFailureRate,
                            double healthCheckFailureRate, boolean usage) {
    /** A start never holds a lane thread for longer than this, whatever the distribution draws. */
    public static final Duration MAX_START_DELAY = Duration.ofSeconds(30);

    /** Starts at once, runs forever, exits 0 when it ends, never fails. */
    public static TaskLifecycle steady() {
        return new TaskLifecycle(DurationDistribution.fixed(Duration.ZERO), new DurationDistribution.Forever(),
                WeightedChoice.only(0), 0, 0, false);
    }

    static TaskLifecycle parse(JsonNode node, String field) {
        SimulationSpec.object(node, field, Set.of("startDelay", "runDuration", "exitCodes", "startFailureRate",
                "healthCheckFailureRate", "usage"));
        TaskLifecycle steady = steady();
        DurationDistribution startDelay = node.has("startDelay")
                ? distribution(node.get("startDelay"), field + ".startDelay", false) : steady.startDelay();
        DurationDistribution runDuration = node.has("runDuration")
                ? distribution(node.get("runDuration"), field + ".runDuration", true) : steady.runDuration();
        WeightedChoice<Integer> exitCodes = node.has("exitCodes")
                ? SimulationSpec.weights(node.get("exitCodes"), field + ".exitCodes", code -> exitCode(code, field))
                : steady.exitCodes();
        double startFailureRate = node.has("startFailureRate")
                ? SimulationSpec.rate(node.get("startFailureRate"), field + ".startFailureRate") : 0;
        double healthFailureRate = node.has("healthCheckFailureRate")
                ? SimulationSpec.rate(node.get("healthCheckFailureRate"), field + ".healthCheckFailureRate") : 0;
        boolean usage = false;
        if (node.has("usage")) {
            if (!node.get("usage").isBoolean()) {
                throw new IllegalArgumentException(field + ".usage: must be true or false");
            }
            usage = node.get("usage").asBoolean();
        }
        return new TaskLifecycle(startDelay, runDuration, exitCodes, startFailureRate, healthFailureRate, usage);
    }

    private static int exitCode(String text, String field) {
        try {
            int code = Integer.parseInt(text);
            if (code >= 0 && code <= 255) {
                return code;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(field + ".exitCodes." + text + ": an exit code is a whole number from 0 to 255");
    }

    static DurationDistribution distribution(JsonNode node, String field, boolean foreverAllowed) {
        if (node.isTextual()) {
            if ("forever".equals(node.asText())) {
                if (!foreverAllowed) {
                    throw new IllegalArgumentException(field + ": 'forever' is only for lifecycle.runDuration");
                }
                return new DurationDistribution.Forever();
            }
            return new DurationDistribution.Fixed(DurationDistribution.parseDuration(node.asText(), field));
        }
        if (node.isObject() && node.has("mean") && node.size() == 1) {
            return new DurationDistribution.Exponential(
                    DurationDistribution.parseDuration(SimulationSpec.text(node.get("mean"), field + ".mean", ""),
                            field + ".mean"));
        }
        if (node.isObject() && node.has("min") && node.has("max") && node.size() == 2) {
            Duration min = DurationDistribution.parseDuration(SimulationSpec.text(node.get("min"), field + ".min", ""),
                    field + ".min");
            Duration max = DurationDistribution.parseDuration(SimulationSpec.text(node.get("max"), field + ".max", ""),
                    field + ".max");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException(field + ": max (" + node.get("max").asText()
                        + ") must not be less than min (" + node.get("min").asText() + ")");
            }
            return new DurationDistribution.Uniform(min, max);
        }
        throw new IllegalArgumentException(field + ": must be a duration (\"50ms\"), {\"min\": ..., \"max\": ...}, {\"mean\": ...}"
                + (foreverAllowed ? " or \"forever\"" : ""));
    }
}
