package io.longshore.agent.task;

import static io.longshore.agent.task.TaskOutcome.Observed.EXITED;
import static io.longshore.agent.task.TaskOutcome.Observed.MISSING;
import static io.longshore.agent.task.TaskOutcome.Observed.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.agent.task.TaskOutcome.Observation;
import io.longshore.agent.task.TaskOutcome.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskOutcomeTest {

    @Test
    void aTaskRunsWhileEveryEssentialContainerRuns() {
        assertThat(TaskOutcome.judge(List.of(
                new Observation("web", true, RUNNING, null),
                new Observation("init", false, EXITED, 0),
                new Observation("sidecar", false, MISSING, null)))).isEqualTo(Verdict.RUNNING);
    }

    @Test
    void anExitedEssentialContainerEndsTheTaskAndIsNamed() {
        List<Observation> observations = List.of(
                new Observation("web", true, RUNNING, null),
                new Observation("db", true, EXITED, 3));
        assertThat(TaskOutcome.judge(observations)).isEqualTo(Verdict.ESSENTIAL_EXITED);
        assertThat(TaskOutcome.culprit(observations)).get().extracting(Observation::containerName).isEqualTo("db");
    }

    @Test
    void anExitCodeIsPreferredToADisappearance() {
        assertThat(TaskOutcome.judge(List.of(
                new Observation("a", true, MISSING, null),
                new Observation("b", true, EXITED, 1)))).isEqualTo(Verdict.ESSENTIAL_EXITED);
        assertThat(TaskOutcome.judge(List.of(
                new Observation("a", true, MISSING, null),
                new Observation("b", true, RUNNING, null)))).isEqualTo(Verdict.ESSENTIAL_MISSING);
    }
}
