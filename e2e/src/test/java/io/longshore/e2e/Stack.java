package io.longshore.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole Longshore stack started the way a user starts it, with {@code ./longshore up}, as the
 * {@code e2e} stack: its own home directory, ports and agent addresses, so that it never meets a
 * stack the developer runs (docs/operations.md).
 */
final class Stack {
    static final Path ROOT = Path.of(System.getProperty("longshore.root", "..")).toAbsolutePath().normalize();
    static final int API_PORT = Integer.parseInt(env("LONGSHORE_E2E_API_PORT", "18080"));
    static final int SCHEDULER_PORT = Integer.parseInt(env("LONGSHORE_E2E_SCHEDULER_PORT", "18081"));
    static final int SCHEDULER_B_PORT = SCHEDULER_PORT + 2; // as ./longshore derives it
    static final int REGISTRY_PORT = Integer.parseInt(env("LONGSHORE_E2E_REGISTRY_PORT", "15000"));
    static final String KAFKA = "127.0.0.1:" + env("LONGSHORE_E2E_KAFKA_PORT", "39092");
    static final String AGENT_A_IP = env("LONGSHORE_E2E_AGENT_A_IP", "127.0.0.12");
    static final String AGENT_B_IP = env("LONGSHORE_E2E_AGENT_B_IP", "127.0.0.13");
    private static final String CLI = env("LONGSHORE_CLI", ROOT.resolve("longshore").toString());

    private Stack() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Starts the e2e stack (returns when healthy) and points RestAssured at its API. */
    static void up() {
        longshore("up");
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = API_PORT;
    }

    /** A client of the Docker engine the agents run their containers on. */
    static DockerClient docker() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config,
                new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }

    /** Runs {@code ./longshore --stack e2e <args>} and fails the test if it fails. */
    static void longshore(String... args) {
        List<String> command = new ArrayList<>(List.of(CLI, "--stack", "e2e"));
        command.addAll(List.of(args));
        try {
            Path log = Files.createDirectories(ROOT.resolve(".longshore")).resolve("e2e-commands.log");
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                        + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
