package io.longshore.loadtest.report;

import java.util.Locale;

/** The one console line redrawn while a run goes: a bar of time used plus the task counters. */
public final class ProgressLine {
    private static final int BAR = 24;

    private ProgressLine() {
    }

    /** @param fraction share of the run's time used (0..1) */
    public static String render(double fraction, long elapsedSeconds, long accepted, long placed, long running,
                                long stopped, double placedPerSecond) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return String.format(Locale.ROOT, "\r[%s%s] %3ds accepted %d placed %d running %d stopped %d (%.0f placed/s)  ",
                "#".repeat(filled), ".".repeat(BAR - filled), elapsedSeconds, accepted, placed, running, stopped,
                placedPerSecond);
    }
}
