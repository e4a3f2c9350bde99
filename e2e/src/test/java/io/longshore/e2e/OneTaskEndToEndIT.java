package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static io.longshore.e2e.Tasks.awaitStatus;
import static io.longshore.e2e.Tasks.runOne;
import static io.longshore.e2e.Tasks.stop;
import static io.longshore.e2e.Tasks.task;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The spine, end to end: the running services over real Kafka and PostgreSQL, two agents on a
 * real Docker engine. A task definition is registered, tasks run as real containers, stop, exit
 * by themselves, and survive an agent restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneTaskEndToEndIT {
    static DockerClient docker;

    @BeforeAll
    static void up() {
        Stack.up();
        docker = Stack.docker();
    }

    @AfterAll
    static void down() {
        Stack.longshore("down");
    }

    @Test
    @Order(1)
    void bothAgentsRegisteredAsContainerInstancesInTheirZones() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath instances = given().get("/v1/clusters/default/container-instances").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(instances.getList("containerInstances.agentConnected")).containsExactly(true, true);
            assertThat(instances.getList("containerInstances.status")).containsOnly("ACTIVE");
            List<Map<String, String>> attributes = instances.getList("containerInstances.attributes.flatten()");
            assertThat(attributes).extracting(a -> a.get("name") + "=" + a.get("value"))
                    .contains("ecs.availability-zone=local-a", "ecs.availability-zone=local-b");
        });
    }

    @Test
    @Order(2)
    void aTaskRunsAsAContainerAndStopsWithItsExitCode() {
        register("e2e-sleeper", "[\"sleep\", \"600\"]", "[{\"containerPort\": 8080, \"hostPort\": 0}]");
        String taskId = runOne("e2e-sleeper");
        JsonPath task = awaitStatus(taskId, "RUNNING");
        assertThat(task.getString("task.containerInstanceArn")).contains("container-instance/default/");
        assertThat(task.getString("task.containers[0].networkBindings[0].bindIP")).isIn(Stack.AGENT_A_IP, Stack.AGENT_B_IP);
        assertThat(containersOf(taskId)).singleElement().satisfies(c -> assertThat(c.getState()).isEqualTo("running"));

        given().contentType(ContentType.JSON).body("{\"reason\": \"e2e stop\"}")
                .post("/v1/clusters/default/tasks/" + taskId + "/stop").then().statusCode(200);
        JsonPath stopped = awaitStatus(taskId, "STOPPED");
        assertThat(stopped.getString("task.desiredStatus")).isEqualTo("STOPPED");
        assertThat(stopped.getString("task.stopCode")).isEqualTo("UserInitiated");
        assertThat(stopped.getString("task.stoppedReason")).isEqualTo("e2e stop");
        // sleep as PID 1 ignores SIGTERM, so Docker kills it after stopTimeout: 128 + 9
        assertThat(stopped.getInt("task.containers[0].exitCode")).isEqualTo(137);
        await().atMost(Duration.ofSeconds(30)).until(() -> containersOf(taskId).isEmpty());
    }

    @Test
    @Order(3)
    void aContainerThatExitsStopsItsTaskWithTheExitCode() {
        register("e2e-exit3", "[\"sh\", \"-c\", \"exit 3\"]", "[]");
        String taskId = runOne("e2e-exit3");
        JsonPath stopped = awaitStatus(taskId, "STOPPED");
        assertThat(stopped.getInt("task.containers[0].exitCode")).isEqualTo(3);
        assertThat(stopped.getString("task.stopCode")).isEqualTo("EssentialContainerExited");
        await().atMost(Duration.ofSeconds(30)).until(() -> containersOf(taskId).isEmpty());
    }

    @Test
    @Order(4)
    void theSameStaticHostPortRunsOnBothHosts() {
        register("e2e-web", "[\"httpd\", \"-f\", \"-p\", \"8080\"]", "[{\"containerPort\": 8080, \"hostPort\": 18888}]");
        JsonPath run = given().contentType(ContentType.JSON)
                .body("{\"taskDefinition\": \"e2e-web\", \"count\": 2}")
                .post("/v1/clusters/default/tasks").then().statusCode(200).extract().jsonPath();
        List<String> arns = run.getList("tasks.taskArn");
        assertThat(arns).hasSize(2);
        List<String> ids = arns.stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
        List<String> bindIps = ids.stream().map(id -> awaitStatus(id, "RUNNING")
                .getString("task.containers[0].networkBindings[0].bindIP")).toList();
        assertThat(bindIps).containsExactlyInAnyOrder(Stack.AGENT_A_IP, Stack.AGENT_B_IP);
        for (String bindIp : bindIps) {
            // busybox httpd answers (404 for a directory), which proves the port is published there
            assertThat(given().baseUri("http://" + bindIp).port(18888).get("/").statusCode()).isBetween(200, 499);
        }
        JsonPath third = given().contentType(ContentType.JSON).body("{\"taskDefinition\": \"e2e-web\"}")
                .post("/v1/clusters/default/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(third.getList("tasks")).isEmpty();
        assertThat(third.getString("failures[0].reason")).isEqualTo("RESOURCE:PORTS");
        ids.forEach(Tasks::stop);
    }

    @Test
    @Order(5)
    void aTaskSurvivesARestartOfItsAgent() {
        String taskId = runOne("e2e-sleeper");
        JsonPath running = awaitStatus(taskId, "RUNNING");
        String containerId = containersOf(taskId).get(0).getId();
        String bindIp = running.getString("task.containers[0].networkBindings[0].bindIP");
        String agent = bindIp.equals(Stack.AGENT_A_IP) ? "agent-a" : "agent-b";

        Stack.longshore("restart", agent);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                given().get("/v1/clusters/default/container-instances").then().extract().jsonPath()
                        .getList("containerInstances.agentConnected")).containsExactly(true, true));
        assertThat(containersOf(taskId)).singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo(containerId);
            assertThat(c.getState()).isEqualTo("running");
        });
        assertThat(task(taskId).getString("task.lastStatus")).isEqualTo("RUNNING");

        // The restarted agent still controls the container it adopted.
        stop(taskId);
        await().atMost(Duration.ofSeconds(30)).until(() -> containersOf(taskId).isEmpty());
    }

    @Test
    @Order(6)
    void aTaskThatFitsNowhereIsAFailureWithTheReason() {
        given().contentType(ContentType.JSON).body("""
                {"family": "e2e-huge", "containerDefinitions": [
                  {"name": "main", "image": "longshore/busybox:latest", "memory": 100000, "command": ["true"]}]}
                """).post("/v1/task-definitions").then().statusCode(200);
        JsonPath run = given().contentType(ContentType.JSON).body("{\"taskDefinition\": \"e2e-huge\"}")
                .post("/v1/clusters/default/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(run.getList("tasks")).isEmpty();
        assertThat(run.getString("failures[0].reason")).isEqualTo("RESOURCE:MEMORY");
    }

    @Test
    @Order(7)
    void aSilentAgentIsMarkedDisconnectedAndGetsNoTasks() {
        Stack.longshore("stop", "agent-b");
        await().atMost(Duration.ofSeconds(60)).until(() -> !instancesByZone().get("local-b").agentConnected());
        String hostA = instancesByZone().get("local-a").arn();

        JsonPath run = given().contentType(ContentType.JSON).body("{\"taskDefinition\": \"e2e-sleeper\", \"count\": 2}")
                .post("/v1/clusters/default/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(run.getList("tasks.containerInstanceArn")).containsExactly(hostA, hostA);

        List<String> arns = run.getList("tasks.taskArn");
        arns.forEach(arn -> stop(arn.substring(arn.lastIndexOf('/') + 1)));
        Stack.longshore("start", "agent-b");
        await().atMost(Duration.ofSeconds(60)).until(() -> instancesByZone().get("local-b").agentConnected());
    }

    @Test
    @Order(8)
    void downThenUpComesBackWithTheSameState() {
        Map<String, Instance> before = instancesByZone();
        int revision = given().get("/v1/task-definitions/e2e-sleeper").then().statusCode(200).extract().jsonPath()
                .getInt("taskDefinition.revision");

        Stack.longshore("down");
        Stack.longshore("up");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Instance> after = instancesByZone();
            for (String zone : List.of("local-a", "local-b")) {
                assertThat(after.get(zone).arn()).isEqualTo(before.get(zone).arn());
                assertThat(after.get(zone).agentConnected()).isTrue();
            }
        });
        assertThat(given().get("/v1/task-definitions/e2e-sleeper").then().statusCode(200).extract().jsonPath()
                .getInt("taskDefinition.revision")).isEqualTo(revision);
        String taskId = runOne("e2e-sleeper");
        awaitStatus(taskId, "RUNNING");
        stop(taskId);
    }

    /** The container instances by availability zone: agent-a is in local-a, agent-b in local-b. */
    private static Map<String, Instance> instancesByZone() {
        JsonPath all = given().get("/v1/clusters/default/container-instances").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Instance> byZone = new java.util.HashMap<>();
        for (int i = 0; i < all.getList("containerInstances").size(); i++) {
            String path = "containerInstances[" + i + "].";
            byZone.put(all.getString(path + "attributes.find { it.name == 'ecs.availability-zone' }.value"),
                    new Instance(all.getString(path + "containerInstanceArn"), all.getBoolean(path + "agentConnected")));
        }
        return byZone;
    }

    private record Instance(String arn, boolean agentConnected) {
    }

    private static void register(String family, String command, String portMappings) {
        given().contentType(ContentType.JSON).body("""
                {"family": "%s", "containerDefinitions": [
                  {"name": "main", "image": "longshore/busybox:latest", "memory": 32, "stopTimeout": 2,
                   "command": %s, "portMappings": %s}]}
                """.formatted(family, command, portMappings))
                .post("/v1/task-definitions").then().statusCode(200);
    }





    private static List<Container> containersOf(String taskId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("longshore.task-id", taskId)).exec();
    }
}
