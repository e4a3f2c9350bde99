package io.longshore.agent.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh state directory per test class: a new container instance id, no tasks. */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {
    protected Path stateDir;

    @Override
    public Map<String, String> start() {
        try {
            stateDir = Files.createTempDirectory("longshore-agent-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prepare(stateDir);
        return Map.of("longshore.agent.state-dir", stateDir.toString());
    }

    /** Seeds the directory before the agent starts (adoption tests). */
    protected void prepare(Path stateDir) {
    }

    @Override
    public void stop() {
    }
}
