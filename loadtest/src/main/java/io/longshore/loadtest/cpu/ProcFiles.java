package io.longshore.loadtest.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The few /proc files the CPU sampler reads, behind an interface so its math runs on canned text in tests. */
public interface ProcFiles {

    /** The ids of the processes alive now. */
    List<Long> pids();

    /** A file under /proc ({@code stat}, {@code 123/stat}, {@code 123/cmdline}), empty when it is gone or unreadable. */
    Optional<String> read(String path);

    /** The real /proc, or empty where there is none (not Linux). */
    static Optional<ProcFiles> linux() {
        Path root = Path.of("/proc");
        if (!Files.isReadable(root.resolve("stat"))) {
            return Optional.empty();
        }
        return Optional.of(new ProcFiles() {
            @Override
            public List<Long> pids() {
                try (Stream<Path> entries = Files.list(root)) {
                    return entries.map(p -> p.getFileName().toString())
                            .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                            .map(Long::parseLong).toList();
                } catch (IOException e) {
                    return List.of();
                }
            }

            @Override
            public Optional<String> read(String path) {
                try {
                    // Latin-1 never fails to decode; we only look for ASCII tokens in command lines
                    return Optional.of(new String(Files.readAllBytes(root.resolve(path)), StandardCharsets.ISO_8859_1));
                } catch (IOException | SecurityException e) {
                    return Optional.empty(); // the process ended between listing and reading, or is not ours to read
                }
            }
        });
    }
}
