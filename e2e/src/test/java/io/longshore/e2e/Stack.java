package io.longshore.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole Longshore stack started the way a user starts it, with {@code ./longshore up}, in its
 * own home directory and on its own ports so that it never meets a stack the developer runs.
 */
final class Stack {
    static final int API_PORT = 18080;
    static final Path ROOT = Path.of(System.getProperty("longshore.root", "..")).toAbsolutePath().normalize();
    static final Path HOME = ROOT.resolve(".longshore/e2e");

    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("LONGSHORE_HOME", HOME.toString()),
            Map.entry("LONGSHORE_API_PORT", String.valueOf(API_PORT)),
            Map.entry("LONGSHORE_SCHEDULER_PORT", "18081"),
            Map.entry("LONGSHORE_AUTOSCALER_PORT", "18082"),
            Map.entry("LONGSHORE_REGISTRY_PORT", "15000"),
            Map.entry("LONGSHORE_AGENT_A_PORT", "18091"),
            Map.entry("LONGSHORE_AGENT_B_PORT", "18092"),
            Map.entry("LONGSHORE_KAFKA_PORT", "39092"),
            Map.entry("LONGSHORE_PG_PORT", "35432"));

    private Stack() {
    }

    /** Runs {@code ./longshore <args>} for this stack and fails the test if it fails. */
    static void longshore(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("longshore").toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createDirectories(ROOT.resolve(".longshore")).resolve("e2e-commands.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(ENV);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("./longshore " + String.join(" ", args) + " timed out; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./longshore " + String.join(" ", args) + " exited "
                        + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
