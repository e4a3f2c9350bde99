package io.longshore.agent.task;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskStateChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The agent's memory across restarts, in its state directory:
 * {@code tasks/<taskId>.json} for each task it has been told to run and has not finished with, and
 * {@code finished/<taskId>.json} with the final report of a task it has finished, so that a
 * redelivered StartTask does not run a finished task again and a redelivered StopTask gets the same
 * answer. Writes are atomic (write, then rename). Methods are synchronized: the command consumer
 * and the task lanes both write.
 */
public final class FileTaskStore implements TaskStore {
    private static final Logger LOG = Logger.getLogger(FileTaskStore.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Path tasks;
    private final Path finished;

    public FileTaskStore(Path stateDir) {
        this.tasks = stateDir.resolve("tasks");
        this.finished = stateDir.resolve("finished");
        try {
            Files.createDirectories(tasks);
            Files.createDirectories(finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the task directories under " + stateDir, e);
        }
    }

    /** Records a new task; false when the task is already recorded or finished (a redelivered command). */
    @Override
    public synchronized boolean createIfAbsent(TaskRecord record) {
        String id = checked(record.taskId());
        if (Files.exists(tasks.resolve(id + ".json")) || Files.exists(finished.resolve(id + ".json"))) {
            return false;
        }
        write(tasks.resolve(id + ".json"), Json.write(record));
        return true;
    }

    @Override
    public synchronized Optional<TaskRecord> load(String taskId) {
        Path file = tasks.resolve(checked(taskId) + ".json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.read(read(file), TaskRecord.class));
    }

    /** Rewrites a recorded task; does nothing when the task is not recorded. */
    @Override
    public synchronized void update(String taskId, UnaryOperator<TaskRecord> change) {
        load(taskId).ifPresent(record -> write(tasks.resolve(checked(taskId) + ".json"), Json.write(change.apply(record))));
    }

    /** Every recorded task; unreadable files are logged and skipped (they would block adoption forever). */
    @Override
    public synchronized List<TaskRecord> all() {
        List<TaskRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tasks, "*.json")) {
            for (Path file : files) {
                try {
                    records.add(Json.read(read(file), TaskRecord.class));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "ignoring unreadable task file %s", file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    @Override
    public synchronized boolean isRecorded(String taskId) {
        return Files.exists(tasks.resolve(checked(taskId) + ".json"));
    }

    @Override
    public synchronized void delete(String taskId) {
        try {
            Files.deleteIfExists(tasks.resolve(checked(taskId) + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers a task's final report (the task file itself is deleted separately, after clean-up). */
    @Override
    public synchronized void markFinished(TaskStateChange finalReport) {
        write(finished.resolve(checked(finalReport.taskId()) + ".json"), Json.write(finalReport));
    }

    @Override
    public synchronized Optional<TaskStateChange> finished(String taskId) {
        Path file = finished.resolve(checked(taskId) + ".json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.read(read(file), TaskStateChange.class));
    }

    /** Forgets finished tasks older than {@code before}: commands about them are long past. */
    @Override
    public synchronized void pruneFinished(Instant before) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(finished, "*.json")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warnf(e, "cannot prune %s", finished);
        }
    }

    private static String checked(String taskId) {
        if (taskId == null || !SAFE_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("task id '" + taskId + "' is not 1-128 of [A-Za-z0-9_.-]");
        }
        return taskId;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
