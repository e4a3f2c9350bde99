package io.longshore.agent.task;

import io.longshore.common.messaging.TaskStateChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the supervisor remembers about its tasks: a record for each task it has been told to run
 * and has not finished with, and the final report of each task it has finished, so that a
 * redelivered StartTask does not run a finished task again and a redelivered StopTask gets the same
 * answer. The real agent keeps it on disk ({@link FileTaskStore}); simulated hosts in memory
 * ({@link MemoryTaskStore}). Implementations are safe for the command consumer and the task lanes
 * to call at once.
 */
public interface TaskStore {

    /** Records a new task; false when the task is already recorded or finished (a redelivered command). */
    boolean createIfAbsent(TaskRecord record);

    Optional<TaskRecord> load(String taskId);

    /** Rewrites a recorded task; does nothing when the task is not recorded. */
    void update(String taskId, UnaryOperator<TaskRecord> change);

    /** Every recorded task. */
    List<TaskRecord> all();

    boolean isRecorded(String taskId);

    void delete(String taskId);

    /** Remembers a task's final report (the task record itself is deleted separately, after clean-up). */
    void markFinished(TaskStateChange finalReport);

    Optional<TaskStateChange> finished(String taskId);

    /** Forgets finished tasks older than {@code before}: commands about them are long past. */
    void pruneFinished(Instant before);
}
