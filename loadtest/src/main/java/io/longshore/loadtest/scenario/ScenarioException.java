package io.longshore.loadtest.scenario;

import java.util.List;

/** A scenario that cannot be run; each problem names the field ({@code workload.runTasks[0].perCall: ...}). */
public final class ScenarioException extends RuntimeException {
    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super("scenario " + source + " is invalid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
