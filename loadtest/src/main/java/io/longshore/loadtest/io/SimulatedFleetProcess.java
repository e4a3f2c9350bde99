package io.longshore.loadtest.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.messaging.Json;
import io.longshore.loadtest.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's simulated fleet as a child process:
 * {@code java -jar <agent-jar> --simulate N --simulation sim.json}, logging to fleet.log.
 * sim.json is the scenario's seed, hosts and lifecycle as written, plus the run's cluster.
 */
public final class SimulatedFleetProcess implements Fleet {
    private final Path agentJar;
    private final Path resultsDir;
    private final String kafka;
    private final String cluster;
    private final Scenario scenario;
    private Process process;

    public SimulatedFleetProcess(Path agentJar, Path resultsDir, String kafka, String cluster, Scenario scenario) {
        this.agentJar = agentJar;
        this.resultsDir = resultsDir;
        this.kafka = kafka;
        this.cluster = cluster;
        this.scenario = scenario;
    }

    /** The simulation file's content: the scenario's sections passed through unchanged, plus the cluster. */
    public static ObjectNode simulationSpec(String cluster, Scenario scenario) {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("cluster", cluster);
        spec.put("seed", scenario.seed());
        spec.set("hosts", scenario.hosts());
        JsonNode lifecycle = scenario.lifecycle();
        if (lifecycle != null) {
            spec.set("lifecycle", lifecycle);
        }
        return spec;
    }

    @Override
    public void start() throws IOException {
        if (!Files.isRegularFile(agentJar)) {
            throw new IOException("agent jar " + agentJar + " not found (build it: ./mvnw -B -o package -pl agent -am -DskipTests)");
        }
        Path sim = resultsDir.resolve("sim.json");
        Files.writeString(sim, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(simulationSpec(cluster, scenario)));
        Path state = resultsDir.resolve("fleet-state");
        Files.createDirectories(state);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(agentJar.toAbsolutePath().toString());
        command.add("--simulate");
        command.add(Integer.toString(scenario.hostCount()));
        command.add("--simulation");
        command.add(sim.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(resultsDir.resolve("fleet.log").toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("LONGSHORE_AGENT_STATE_DIR", state.toAbsolutePath().toString());
        process = builder.start();
    }

    @Override
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops this run's fleet process (its own pid only) gently, then for good. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
