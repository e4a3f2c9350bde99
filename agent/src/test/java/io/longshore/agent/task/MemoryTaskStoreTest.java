package io.longshore.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTaskStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final MemoryTaskStore store = new MemoryTaskStore(Clock.fixed(NOW, ZoneOffset.UTC));

    private static AgentCommand.StartTask start(String taskId) {
        ContainerDefinition web = new ContainerDefinition("web", "img", null, null, null, null, true, null, null, null,
                null, 3, null);
        TaskSpec spec = new TaskSpec("c", taskId, null, null, "f", "family:f", null, null, null, null, List.of(web));
        return new AgentCommand.StartTask("c", "i", spec, new Allocation("i", 0, 0, List.of()));
    }

    private static TaskStateChange stopped(String taskId) {
        return new TaskStateChange("c", taskId, TaskStatus.STOPPED, null, List.of(), StopCode.UserInitiated, "done",
                null, NOW, NOW, NOW, "agent/i");
    }

    @Test
    void aTaskIsRecordedOnceUpdatedAndDeleted() {
        assertThat(store.createIfAbsent(TaskRecord.of(start("t1")))).isTrue();
        assertThat(store.createIfAbsent(TaskRecord.of(start("t1")))).isFalse();
        store.update("t1", TaskRecord::withStarted);
        assertThat(store.load("t1").orElseThrow().started()).isTrue();
        assertThat(store.all()).hasSize(1);
        store.delete("t1");
        assertThat(store.isRecorded("t1")).isFalse();
        store.update("t1", TaskRecord::withStarted); // not recorded: nothing happens
        assertThat(store.load("t1")).isEmpty();
    }

    @Test
    void aFinishedTaskIsNotStartedAgainUntilItIsPruned() {
        store.createIfAbsent(TaskRecord.of(start("t1")));
        store.markFinished(stopped("t1"));
        store.delete("t1");

        assertThat(store.createIfAbsent(TaskRecord.of(start("t1")))).isFalse();
        assertThat(store.finished("t1")).get().extracting(TaskStateChange::stoppedReason).isEqualTo("done");

        store.pruneFinished(NOW); // kept: not older than NOW
        assertThat(store.finished("t1")).isPresent();
        store.pruneFinished(NOW.plusSeconds(1));
        assertThat(store.finished("t1")).isEmpty();
    }
}
