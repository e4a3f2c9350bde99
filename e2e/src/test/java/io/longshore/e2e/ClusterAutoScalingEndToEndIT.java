package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Cluster auto scaling end to end, with real Kafka, PostgreSQL and Docker: a cluster whose only
 * capacity is a capacity provider with an empty auto scaling group (hosts of 512 CPU units). Three
 * tasks of 256 units wait in PROVISIONING, the autoscaler's docker provisioner starts two agent
 * containers, the tasks run; the two short tasks finish, the host left empty is drained and
 * removed, and the host still running the long task stays. Figures go to
 * {@code target/cluster-autoscaling}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAutoScalingEndToEndIT {
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final String CLUSTER = "e2e-burst-" + RUN;
    private static final String GROUP = "e2e-hosts-" + RUN;
    private static final String PROVIDER = "e2e-burst-" + RUN;
    private static final String TASKS = "/v1/clusters/" + CLUSTER + "/tasks";
    private static final String INSTANCES = "/v1/clusters/" + CLUSTER + "/container-instances";
    private static final Path OUT = Path.of("target", "cluster-autoscaling");
    private static DockerClient docker;
    private static Instant runAt;
    private static Instant hostsRegisteredAt;
    private static Instant tasksRunningAt;
    private static String longTask;
    private static String keptInstance;

    @BeforeAll
    static void up() {
        Stack.up();
        docker = Stack.docker();
        given().contentType(ContentType.JSON).body("{\"clusterName\": \"" + CLUSTER + "\"}").post("/v1/clusters")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"autoScalingGroupName": "%s", "minSize": 0, "maxSize": 2, "desiredCapacity": 0,
                 "instanceType": {"cpu": 512, "memory": 256}, "attributes": {"purpose": "e2e"},
                 "provisioner": "docker"}
                """.formatted(GROUP)).post("/v1/auto-scaling-groups").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"name": "%s", "autoScalingGroupProvider": {"autoScalingGroupArn": "%s",
                  "managedScaling": {"status": "ENABLED", "targetCapacity": 100, "minimumScalingStepSize": 1,
                    "maximumScalingStepSize": 2, "instanceWarmupPeriod": 5},
                  "managedTerminationProtection": "ENABLED"}}
                """.formatted(PROVIDER, GROUP)).post("/v1/capacity-providers").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"capacityProviders": ["%s"],
                 "defaultCapacityProviderStrategy": [{"capacityProvider": "%s", "base": 0, "weight": 1}]}
                """.formatted(PROVIDER, PROVIDER)).put("/v1/clusters/" + CLUSTER + "/capacity-providers")
                .then().statusCode(200);
        register("e2e-short-" + RUN, "sleep 20");
        register("e2e-long-" + RUN, "sleep 3600");
    }

    @AfterAll
    static void down() {
        Stack.longshore("down"); // removes the provisioned hosts too
    }

    @Test
    @Order(1)
    void tasksWaitInProvisioningUntilTheDockerProvisionerHasAddedHostsThenRun() {
        runAt = Instant.now();
        List<String> shortTasks = run("e2e-short-" + RUN, 2);
        longTask = run("e2e-long-" + RUN, 1).get(0);
        assertThat(Tasks.task(CLUSTER, longTask).getString("task.capacityProviderName")).isEqualTo(PROVIDER);

        hostsRegisteredAt = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> instances(true).size() == 2 ? Instant.now() : null, t -> t != null);
        for (Map<String, Object> instance : instances(true)) {
            assertThat(instance.get("capacityProviderName")).isEqualTo(PROVIDER);
        }
        for (String task : List.of(shortTasks.get(0), shortTasks.get(1), longTask)) {
            Tasks.awaitStatus(CLUSTER, task, "RUNNING");
        }
        tasksRunningAt = Instant.now();
        JsonPath group = given().get("/v1/auto-scaling-groups/" + GROUP).then().statusCode(200).extract().jsonPath();
        assertThat(group.getInt("autoScalingGroup.desiredCapacity")).isEqualTo(2);
        assertThat(activities()).anyMatch(a -> ((String) a.get("description")).startsWith("Launching"));
        assertThat(docker.listContainersCmd().withLabelFilter(Map.of("longshore.host-group", GROUP)).exec())
                .hasSize(2);
        keptInstance = Tasks.task(CLUSTER, longTask).getString("task.containerInstanceArn");
    }

    @Test
    @Order(2)
    void theHostLeftEmptyIsDrainedAndRemovedAndTheHostRunningATaskStays() throws Exception {
        Instant removedAt = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> instances(true).size() == 1 ? Instant.now() : null, t -> t != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> docker.listContainersCmd()
                .withLabelFilter(Map.of("longshore.host-group", GROUP)).exec().size() == 1);
        assertThat(instances(true).get(0).get("containerInstanceArn")).isEqualTo(keptInstance);
        assertThat(activities()).anyMatch(a -> ((String) a.get("description")).startsWith("Terminating"));

        // Long after the scale-in delay, the host with the long task is still there and the task still runs.
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(instances(true)).extracting(i -> i.get("containerInstanceArn"))
                            .containsExactly(keptInstance);
                    assertThat(Tasks.task(CLUSTER, longTask).getString("task.lastStatus")).isEqualTo("RUNNING");
                });
        // CapacityProviderReservation: 200 while tasks waited with no host, 100 once one host holds what runs
        List<Float> reservation = given().queryParam("namespace", "AWS/ECS/ManagedScaling")
                .queryParam("metricName", "CapacityProviderReservation")
                .queryParam("dimension.CapacityProviderName", PROVIDER)
                .get("/v1/clusters/" + CLUSTER + "/metrics").then().statusCode(200).extract().jsonPath()
                .getList("Datapoints.Maximum", Float.class);
        assertThat(reservation).contains(200f);
        assertThat(reservation.get(reservation.size() - 1)).isEqualTo(100f);

        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("figures.json"), """
                {"runTaskToHostsRegisteredSeconds": %.1f, "runTaskToTasksRunningSeconds": %.1f,
                 "runTaskToEmptyHostRemovedSeconds": %.1f, "scaleInAfterSeconds": 10, "capacityIntervalSeconds": 2}
                """.formatted(seconds(runAt, hostsRegisteredAt), seconds(runAt, tasksRunningAt),
                seconds(runAt, removedAt)));
    }

    private static void register(String family, String command) {
        given().contentType(ContentType.JSON).body("""
                {"family": "%s", "containerDefinitions": [
                  {"name": "main", "image": "longshore/busybox:latest", "cpu": 256, "memory": 32, "stopTimeout": 1,
                   "command": ["sh", "-c", "%s"]}]}
                """.formatted(family, command)).post("/v1/task-definitions").then().statusCode(200);
    }

    /** Runs the tasks under the cluster's default strategy: no failures, every one PROVISIONING. */
    private static List<String> run(String family, int count) {
        JsonPath run = given().contentType(ContentType.JSON)
                .body("{\"taskDefinition\": \"" + family + "\", \"count\": " + count + "}").post(TASKS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(run.getList("failures")).isEmpty();
        assertThat(run.getList("tasks.lastStatus", String.class)).containsOnly("PROVISIONING");
        return run.getList("tasks.taskArn", String.class).stream().map(a -> a.substring(a.lastIndexOf('/') + 1))
                .toList();
    }

    private static List<Map<String, Object>> instances(boolean activeOnly) {
        List<Map<String, Object>> all = given().get(INSTANCES).jsonPath().getList("containerInstances");
        return all.stream().filter(i -> !activeOnly || "ACTIVE".equals(i.get("status"))).toList();
    }

    private static List<Map<String, Object>> activities() {
        return given().get("/v1/auto-scaling-groups/" + GROUP + "/activities").jsonPath().getList("activities");
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
