package io.longshore.loadtest.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenarios write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT30S}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /** @throws IllegalArgumentException saying what is accepted */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double value = Double.parseDouble(m.group(1));
            double millis;
            switch (m.group(2)) {
                case "ms": millis = value; break;
                case "s": millis = value * 1_000; break;
                case "m": millis = value * 60_000; break;
                default: millis = value * 3_600_000; break;
            }
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 2m, 1h or PT30S, was '" + text + "'");
        }
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
