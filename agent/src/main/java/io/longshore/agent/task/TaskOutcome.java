package io.longshore.agent.task;

import java.util.List;
import java.util.Optional;

/**
 * Decides what a task's observed containers mean for the task, as ECS does: the task lives while
 * every essential container runs; one essential container ending ends the task; non-essential
 * containers may come and go.
 */
public final class TaskOutcome {
    /** The task outcome's explanation when an essential container exits by itself (ECS's words). */
    public static final String ESSENTIAL_EXITED = "Essential container in task exited";
    /** A container we started is no longer known to the engine, so its exit code is lost. */
    public static final String DISAPPEARED = "Container disappeared while the agent was down";

    private TaskOutcome() {
    }

    /** What the engine says about one container of the task. */
    public enum Observed { RUNNING, EXITED, MISSING }

    public record Observation(String containerName, boolean essential, Observed observed, Integer exitCode) {
    }

    public enum Verdict {
        /** Every essential container runs. */
        RUNNING,
        /** An essential container exited and its exit code is known. */
        ESSENTIAL_EXITED,
        /** An essential container is gone from the engine (removed behind the agent's back). */
        ESSENTIAL_MISSING
    }

    public static Verdict judge(List<Observation> observations) {
        if (observations.stream().anyMatch(o -> o.essential() && o.observed() == Observed.EXITED)) {
            return Verdict.ESSENTIAL_EXITED;
        }
        if (observations.stream().anyMatch(o -> o.essential() && o.observed() == Observed.MISSING)) {
            return Verdict.ESSENTIAL_MISSING;
        }
        return Verdict.RUNNING;
    }

    /** The essential container that ended the task, for logs and messages. */
    public static Optional<Observation> culprit(List<Observation> observations) {
        return observations.stream()
                .filter(o -> o.essential() && o.observed() != Observed.RUNNING)
                .findFirst();
    }
}
