package io.longshore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulated hosts on the e2e stack. The {@code smoke} load test, the way a user runs it
 * ({@code ./longshore loadtest smoke}): 50 simulated hosts in one agent process, RunTask bursts
 * with a memberOf constraint and spread and distinctInstance placement, a service with a
 * deployment, short-lived tasks; its invariants are asserted, not its speed (docs/benchmarks.md
 * has the figures). And simulated hosts sharing a cluster with a real agent that runs real
 * containers.
 */
class LoadTestSmokeEndToEndIT {
    private static final Path RESULTS = Stack.ROOT.resolve("e2e/target/loadtest-smoke");
    private static final Path WORK = Stack.ROOT.resolve("e2e/target/mixed-hosts");
    private static final String AGENT_JAR = Stack.ROOT.resolve("agent/target/quarkus-app/quarkus-run.jar").toString();

    @BeforeAll
    static void up() {
        Stack.up();
    }

    @AfterAll
    static void down() {
        Stack.longshore("down");
    }

    @Test
    void everyInvariantHoldsAndEveryAcceptedTaskSettles() throws IOException {
        // exits non-zero when an invariant is violated or the run cannot be set up
        Stack.longshore("loadtest", "smoke", "--results", RESULTS.toString());

        JsonNode report = new ObjectMapper().readTree(Files.readString(RESULTS.resolve("report.json")));
        // not "duration": the workload finished; the service's short tasks may keep churning past `settle`
        assertThat(report.at("/run/stopReason").asText()).isIn("settled", "settle timeout");
        assertThat(report.at("/counts/accepted").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(report.at("/counts/placed").asInt()).isGreaterThanOrEqualTo(report.at("/counts/accepted").asInt());
        assertThat(report.at("/counts/unsettledAtEnd").asInt()).isZero();
        assertThat(report.at("/latency/acceptedToRunning/count").asInt()).isPositive();

        List<String> held = new ArrayList<>();
        report.get("invariants").forEach(invariant -> {
            assertThat(invariant.get("checked").asInt()).as(invariant.get("name").asText() + " checked").isPositive();
            assertThat(invariant.get("violations").asInt()).as(invariant.get("name").asText() + " violations").isZero();
            held.add(invariant.get("name").asText());
        });
        assertThat(held).containsExactlyInAnyOrder("noOverCommit", "constraintsHeld", "noDoublePlacement",
                "noAcceptedTaskLost");
        assertThat(report.get("invariantsHeld").asBoolean()).isTrue();

        String html = Files.readString(RESULTS.resolve("report.html"));
        assertThat(html).contains("<svg").doesNotContain("<script src", "<link ");
    }

    @Test
    void simulatedHostsShareAClusterWithARealAgent() throws Exception {
        String cluster = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"clusterName\": \"" + cluster + "\"}").post("/v1/clusters")
                .then().statusCode(200);
        Files.createDirectories(WORK);
        Path spec = Files.writeString(WORK.resolve(cluster + ".json"), """
                {"cluster": "%s", "seed": 3,
                 "hosts": {"count": 3, "namePrefix": "mixed", "cpu": 1024, "memory": 2048,
                           "attributes": {"ecs.availability-zone": {"local-sim": 1}}},
                 "lifecycle": {"startDelay": "20ms", "runDuration": "forever"}}
                """.formatted(cluster));
        DockerClient docker = Stack.docker();
        Process real = start(cluster, "real", Map.of("LONGSHORE_AGENT_ATTRIBUTES", "ecs.availability-zone=local-real"));
        Process simulated = start(cluster, "simulated", Map.of(), "--simulate", "3", "--simulation", spec.toString());
        List<String> taskIds = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(given()
                    .get("/v1/clusters/" + cluster + "/container-instances").then().statusCode(200).extract()
                    .jsonPath().getList("containerInstances.findAll { it.agentConnected }")).hasSize(4));
            given().contentType(ContentType.JSON).body("""
                    {"family": "%s", "containerDefinitions": [
                      {"name": "main", "image": "longshore/busybox:latest", "cpu": 64, "memory": 32, "stopTimeout": 1,
                       "command": ["sleep", "300"]}]}
                    """.formatted(cluster)).post("/v1/task-definitions").then().statusCode(200);

            // one task on every host: distinctInstance spreads them over the real and the simulated ones
            JsonPath run = given().contentType(ContentType.JSON).body("""
                    {"taskDefinition": "%s", "count": 4, "placementConstraints": [{"type": "distinctInstance"}]}
                    """.formatted(cluster)).post("/v1/clusters/" + cluster + "/tasks").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(run.getList("failures")).isEmpty();
            run.getList("tasks.taskArn", String.class).forEach(arn -> taskIds.add(arn.substring(arn.lastIndexOf('/') + 1)));
            assertThat(taskIds).hasSize(4);
            taskIds.forEach(id -> Tasks.awaitStatus(cluster, id, "RUNNING"));

            // the real agent's task is a real container; the simulated ones are not
            List<Container> containers = taskIds.stream().flatMap(id -> docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("longshore.task-id", id)).exec().stream()).toList();
            assertThat(containers).hasSize(1);
            assertThat(containers.get(0).getState()).isEqualTo("running");

            taskIds.forEach(id -> given().contentType(ContentType.JSON).body("{}")
                    .post("/v1/clusters/" + cluster + "/tasks/" + id + "/stop").then().statusCode(200));
            taskIds.forEach(id -> Tasks.awaitStatus(cluster, id, "STOPPED"));
        } finally {
            simulated.destroy();
            real.destroy();
            for (Process p : List.of(simulated, real)) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            // the agent leaves task containers behind when it stops, as the ECS agent does
            taskIds.forEach(id -> docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("longshore.task-id", id)).exec()
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec()));
        }
    }

    /** An agent process of the e2e stack's Kafka and Docker engine, joining {@code cluster}. */
    private static Process start(String cluster, String name, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-jar", AGENT_JAR));
        command.addAll(List.of(args));
        Path stateDir = WORK.resolve(cluster + "-" + name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(cluster + "-" + name + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", Stack.KAFKA, "QUARKUS_HTTP_PORT", "0",
                "LONGSHORE_AGENT_CLUSTER", cluster, "LONGSHORE_AGENT_NAME", cluster + "-" + name,
                "LONGSHORE_AGENT_STATE_DIR", stateDir.toString(), "LONGSHORE_AGENT_CPU", "1024",
                "LONGSHORE_AGENT_MEMORY", "2048"));
        return builder.start();
    }
}
