package io.longshore.agent.simulation;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long something takes in a simulation: a fixed time, uniform between two, exponential around a
 * mean, or (for a task's run duration only) forever. Samples come from the caller's random source, so
 * a seeded run is reproducible.
 */
public sealed interface DurationDistribution {

    /** A sample, or null for {@link Forever}. */
    Duration sample(SplittableRandom random);

    record Fixed(Duration value) implements DurationDistribution {
        @Override
        public Duration sample(SplittableRandom random) {
            return value;
        }
    }

    record Uniform(Duration min, Duration max) implements DurationDistribution {
        @Override
        public Duration sample(SplittableRandom random) {
            long span = max.toNanos() - min.toNanos();
            return span == 0 ? min : min.plusNanos(random.nextLong(span + 1));
        }
    }

    /** Memoryless: the shape of independent arrivals and failures. */
    record Exponential(Duration mean) implements DurationDistribution {
        @Override
        public Duration sample(SplittableRandom random) {
            double u = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
            return Duration.ofNanos(Math.round(-Math.log(u) * mean.toNanos()));
        }
    }

    record Forever() implements DurationDistribution {
        @Override
        public Duration sample(SplittableRandom random) {
            return null;
        }
    }

    static Fixed fixed(Duration value) {
        return new Fixed(value);
    }

    Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    /**
     * Parses {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}.
     *
     * @param field names the setting in the error message
     */
    static Duration parseDuration(String text, String field) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(field + ": '" + text
                    + "' is not a duration (a number and a unit: ms, s, m or h, e.g. 50ms, 5s, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millisPerUnit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Duration.ofNanos(Math.round(amount * millisPerUnit * 1_000_000));
    }
}
