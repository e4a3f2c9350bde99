package io.longshore.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStoreTest {
    @TempDir
    Path dir;

    private static AgentCommand.StartTask start(String taskId) {
        var c = new ContainerDefinition("web", "img", null, null, null, null, null, null, null, null, null, null, null);
        return new AgentCommand.StartTask("c1", "i1",
                new TaskSpec("c1", taskId, null, null, "f", null, null, null, null, null, List.of(c)),
                new Allocation("i1", 0, 0, List.of()));
    }

    @Test
    void recordsATaskOnceAndKeepsStartAndStopAcrossInstances() {
        TaskStore store = new FileTaskStore(dir);
        assertThat(store.createIfAbsent(TaskRecord.of(start("t1")))).isTrue();
        assertThat(store.createIfAbsent(TaskRecord.of(start("t1")))).isFalse();
        store.update("t1", TaskRecord::withStarted);
        store.update("t1", r -> r.withStop(new AgentCommand.StopTask("c1", "i1", "t1", StopCode.UserInitiated, "x")));
        store.update("unknown", TaskRecord::withStarted);

        TaskStore reopened = new FileTaskStore(dir);
        assertThat(reopened.all()).singleElement().satisfies(r -> {
            assertThat(r.start()).isEqualTo(start("t1"));
            assertThat(r.started()).isTrue();
            assertThat(r.stop().reason()).isEqualTo("x");
        });
        assertThat(Files.exists(dir.resolve("tasks/t1.json"))).isTrue();
    }

    @Test
    void aFinishedTaskIsNotRecordedAgainAndItsReportIsKept() {
        TaskStore store = new FileTaskStore(dir);
        store.createIfAbsent(TaskRecord.of(start("t1")));
        TaskStateChange last = new TaskStateChange("c1", "t1", TaskStatus.STOPPED, null, List.of(), StopCode.UserInitiated,
                "x", null, null, Instant.EPOCH, Instant.EPOCH, "agent/i1");
        store.markFinished(last);
        store.delete("t1");

        assertThat(store.isRecorded("t1")).isFalse();
        assertThat(store.finished("t1")).contains(last);
        assertThat(store.createIfAbsent(TaskRecord.of(start("t1")))).isFalse();
    }

    @Test
    void oldFinishedTasksArePruned() throws Exception {
        TaskStore store = new FileTaskStore(dir);
        store.markFinished(new TaskStateChange("c1", "old", TaskStatus.STOPPED, null, List.of(), null, null, null, null,
                null, Instant.EPOCH, "agent/i1"));
        Files.setLastModifiedTime(dir.resolve("finished/old.json"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        store.pruneFinished(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(store.finished("old")).isEmpty();
    }

    @Test
    void unreadableFilesAreSkippedAndUnsafeIdsRefused() throws Exception {
        TaskStore store = new FileTaskStore(dir);
        Files.writeString(dir.resolve("tasks/broken.json"), "{not json");
        assertThat(store.all()).isEmpty();
        assertThatThrownBy(() -> store.createIfAbsent(TaskRecord.of(start("../etc"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
