package io.longshore.registry.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh blob storage root per test run, deleted afterwards. */
public class TempStorageResource implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("longshore-registry-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("longshore.registry.storage-root", root.toString());
    }

    @Override
    public void stop() {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir; the OS cleans it eventually
        }
    }
}
