package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Services end to end, through ./longshore with real Kafka, PostgreSQL and Docker: a service of
 * four spreads over the two hosts, rolls to a new revision within its limits, a broken image trips
 * the circuit breaker and rolls back, draining moves tasks, a killed agent's tasks are replaced,
 * and two schedulers, one killed under load, never place a task twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesEndToEndIT {
    private static final String SERVICES = "/v1/clusters/default/services";
    // Names of their own per run: a stack kept from an earlier run may still hold services of the same name.
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final String WEB = "e2e-web-" + RUN;
    private static final String BREAKER = "e2e-breaker-" + RUN;
    static DockerClient docker;

    @BeforeAll
    static void up() {
        Stack.up();
        docker = Stack.docker();
        await().atMost(Duration.ofSeconds(60)).until(() -> instanceArnsByZone().size() == 2
                && given().get("/v1/clusters/default/container-instances").jsonPath()
                .getList("containerInstances.agentConnected").stream().allMatch(Boolean.TRUE::equals));
    }

    @AfterAll
    static void down() {
        try {
            for (String service : List.of(WEB, BREAKER)) {
                given().delete(SERVICES + "/" + service + "?force=true");
            }
            // Deleted services become INACTIVE once the scheduler reports nothing left of them.
            await().atMost(Duration.ofSeconds(60)).until(() -> List.of(WEB, BREAKER).stream().allMatch(s ->
                    "INACTIVE".equals(given().get(SERVICES + "/" + s).jsonPath().getString("service.status"))));
        } finally {
            Stack.longshore("down");
        }
    }

    @Test
    @Order(1)
    void aServiceOfFourSpreadsTwoAndTwoOverTheHosts() {
        register(WEB, "v1");
        createService(WEB, 4, 50, 100, false);

        await().atMost(Duration.ofSeconds(90)).until(() -> running(WEB).size() == 4);
        Map<String, Long> perInstance = running(WEB).stream()
                .collect(Collectors.groupingBy(t -> t.get("containerInstanceArn"), Collectors.counting()));
        assertThat(perInstance.values()).containsExactly(2L, 2L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(events(WEB)).anyMatch(m -> m.contains("has reached a steady state")));
        assertThat(service(WEB).getString("service.deployments[0].rolloutState")).isEqualTo("COMPLETED");
    }

    @Test
    @Order(2)
    void aRollingDeploymentWithMinimum50Maximum100NeverDropsBelowTwoRunning() {
        String v2 = register(WEB, "v2");
        List<Integer> observed = new ArrayList<>();

        given().contentType(ContentType.JSON).body("{\"taskDefinition\": \"" + v2 + "\"}")
                .patch(SERVICES + "/" + WEB).then().statusCode(200);
        // Every poll also counts the service's containers running on the engine.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            observed.add(runningContainers(WEB));
            JsonPath s = service(WEB);
            return s.getList("service.deployments").size() == 1
                    && "COMPLETED".equals(s.getString("service.deployments[0].rolloutState"))
                    && v2.equals(s.getString("service.deployments[0].taskDefinition"));
        });

        assertThat(running(WEB)).hasSize(4).allMatch(t -> v2.equals(t.get("taskDefinitionArn")));
        assertThat(observed).hasSizeGreaterThan(5).allMatch(n -> n >= 2).allMatch(n -> n <= 4);
    }

    @Test
    @Order(3)
    void aBrokenImageTripsTheCircuitBreakerAndRollsBack() {
        String good = register(BREAKER, "good");
        createService(BREAKER, 2, 100, 200, true);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "COMPLETED".equals(service(BREAKER).getString("service.deployments[0].rolloutState")));

        String broken = registerImage(BREAKER, "longshore/does-not-exist:1");
        given().contentType(ContentType.JSON).body("{\"taskDefinition\": \"" + broken + "\"}")
                .patch(SERVICES + "/" + BREAKER).then().statusCode(200);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(events(BREAKER)).anyMatch(m -> m.contains("deployment failed: tasks failed to start")
                        && m.contains("Rolled back")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath s = service(BREAKER);
            assertThat(s.getString("service.taskDefinition")).isEqualTo(good);
            assertThat(s.getString("service.deployments[0].taskDefinition")).isEqualTo(good);
            assertThat(s.getInt("service.runningCount")).isEqualTo(2);
        });
        given().contentType(ContentType.JSON).body("{\"desiredCount\": 0}").patch(SERVICES + "/" + BREAKER)
                .then().statusCode(200);
    }

    @Test
    @Order(4)
    void drainingAnInstanceMovesItsServiceTasksToTheOther() {
        Map<String, String> instances = instanceArnsByZone();
        String drained = instances.get("local-a");
        setState(drained, "DRAINING");
        try {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(running(WEB)).hasSize(4)
                    .allMatch(t -> instances.get("local-b").equals(t.get("containerInstanceArn"))));
        } finally {
            setState(drained, "ACTIVE");
        }
    }

    @Test
    @Order(5)
    void killingAnAgentGetsItsServiceTasksReplacedOnTheOtherHost() {
        Map<String, String> instances = instanceArnsByZone();
        List<String> lost = running(WEB).stream().map(t -> t.get("taskArn")).toList(); // all on local-b
        Stack.longshore("kill", "agent-b");
        try {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(running(WEB)).hasSize(4)
                    .allMatch(t -> instances.get("local-a").equals(t.get("containerInstanceArn"))));
            for (String arn : lost) {
                JsonPath task = given().get("/v1/clusters/default/tasks/" + arn.substring(arn.lastIndexOf('/') + 1))
                        .then().statusCode(200).extract().jsonPath();
                assertThat(task.getString("task.lastStatus")).isEqualTo("STOPPED");
                assertThat(task.getString("task.stoppedReason")).contains("Host was lost");
            }
        } finally {
            Stack.longshore("start", "agent-b");
        }
        // Back, the agent stops the containers of the tasks declared lost: nothing runs twice.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runningContainers(WEB)).isEqualTo(4));
    }

    @Test
    @Order(6)
    void twoSchedulersWithOneKilledUnderLoadNeverPlaceATaskTwice() throws Exception {
        given().contentType(ContentType.JSON).body("{\"desiredCount\": 0}").patch(SERVICES + "/" + WEB)
                .then().statusCode(200);
        register("e2e-load", "load");
        Stack.longshore("start", "scheduler-b");
        // Kill whichever of the two decides for the cluster, so that the cluster changes hands.
        String owner = await().atMost(Duration.ofSeconds(30)).until(() -> ownerOfDefault(), o -> o != null);
        List<String> taskIds = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(clients.submit(() -> {
                JsonPath run = given().contentType(ContentType.JSON)
                        .body("{\"taskDefinition\": \"e2e-load\", \"count\": 1}")
                        .post("/v1/clusters/default/tasks").then().statusCode(200).extract().jsonPath();
                run.getList("tasks.taskArn", String.class).forEach(arn -> taskIds.add(arn.substring(arn.lastIndexOf('/') + 1)));
                assertThat(run.getList("failures")).isEmpty();
            }));
            if (i == 8) {
                Stack.longshore("kill", owner);
            }
        }
        for (Future<?> call : calls) {
            call.get();
        }
        clients.shutdown();
        try {
            assertThat(taskIds).hasSize(24).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                for (String taskId : taskIds) {
                    assertThat(given().get("/v1/clusters/default/tasks/" + taskId).jsonPath()
                            .getString("task.lastStatus")).isEqualTo("RUNNING");
                }
            });
            Map<String, Integer> containersPerTask = new HashMap<>();
            for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
                String taskId = c.getLabels() == null ? null : c.getLabels().get("longshore.task-id");
                if (taskId != null && taskIds.contains(taskId)) {
                    containersPerTask.merge(taskId, 1, Integer::sum);
                }
            }
            assertThat(containersPerTask).hasSize(24).allSatisfy((task, n) -> assertThat(n).isEqualTo(1));
        } finally {
            Stack.longshore("start", "scheduler");
            Stack.longshore("stop", "scheduler-b");
            taskIds.forEach(id -> given().contentType(ContentType.JSON).body("{}")
                    .post("/v1/clusters/default/tasks/" + id + "/stop"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Registers a revision of a sleeping busybox task; the marker makes each revision differ. Returns its ARN. */
    private static String register(String family, String marker) {
        return registerTaskDefinition(family, "longshore/busybox:latest", marker);
    }

    private static String registerImage(String family, String image) {
        return registerTaskDefinition(family, image, image);
    }

    private static String registerTaskDefinition(String family, String image, String marker) {
        return given().contentType(ContentType.JSON).body("""
                {"family": "%s", "containerDefinitions": [
                  {"name": "main", "image": "%s", "memory": 32, "stopTimeout": 2,
                   "command": ["sleep", "600"], "environment": [{"name": "MARKER", "value": "%s"}]}]}
                """.formatted(family, image, marker))
                .post("/v1/task-definitions").then().statusCode(200).extract().jsonPath()
                .getString("taskDefinition.taskDefinitionArn");
    }

    private static void createService(String name, int desired, int min, int max, boolean breaker) {
        given().contentType(ContentType.JSON).body("""
                {"serviceName": "%s", "taskDefinition": "%s", "desiredCount": %d,
                 "deploymentConfiguration": {"minimumHealthyPercent": %d, "maximumPercent": %d,
                   "deploymentCircuitBreaker": {"enable": %b, "rollback": %b}}}
                """.formatted(name, name, desired, min, max, breaker, breaker))
                .post(SERVICES).then().statusCode(200);
    }

    private static JsonPath service(String name) {
        return given().get(SERVICES + "/" + name).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> events(String name) {
        return service(name).getList("service.events.message", String.class);
    }

    /** The service's tasks the control plane shows RUNNING. */
    private static List<Map<String, String>> running(String service) {
        List<Map<String, String>> tasks = given().queryParam("serviceName", service).get("/v1/clusters/default/tasks")
                .then().statusCode(200).extract().jsonPath().getList("tasks");
        return tasks.stream().filter(t -> "RUNNING".equals(t.get("lastStatus"))).toList();
    }

    /** Containers running on the Docker engine for the service's tasks, whatever the control plane says. */
    private static int runningContainers(String service) {
        List<Map<String, String>> tasks = given().queryParam("serviceName", service).queryParam("desiredStatus", "RUNNING")
                .get("/v1/clusters/default/tasks").jsonPath().getList("tasks");
        List<Map<String, String>> stopped = given().queryParam("serviceName", service)
                .queryParam("desiredStatus", "STOPPED").get("/v1/clusters/default/tasks").jsonPath().getList("tasks");
        List<String> ids = new ArrayList<>();
        for (Map<String, String> t : tasks) {
            ids.add(t.get("taskArn").substring(t.get("taskArn").lastIndexOf('/') + 1));
        }
        for (Map<String, String> t : stopped) {
            ids.add(t.get("taskArn").substring(t.get("taskArn").lastIndexOf('/') + 1));
        }
        int n = 0;
        for (Container c : docker.listContainersCmd().exec()) {
            if (c.getLabels() != null && ids.contains(c.getLabels().get("longshore.task-id"))) {
                n++;
            }
        }
        return n;
    }

    /** The scheduler whose readiness data says it decides for the default cluster, or null. */
    private static String ownerOfDefault() {
        for (Map.Entry<String, Integer> scheduler : Map.of("scheduler", Stack.SCHEDULER_PORT,
                "scheduler-b", Stack.SCHEDULER_B_PORT).entrySet()) {
            List<String> decidesFor = given().port(scheduler.getValue()).get("/q/health/ready").jsonPath()
                    .getList("checks.find { it.name == 'cluster-state' }.data.decidesFor.tokenize(',')");
            if (decidesFor != null && decidesFor.contains("default")) {
                return scheduler.getKey();
            }
        }
        return null;
    }

    private static Map<String, String> instanceArnsByZone() {
        JsonPath instances = given().get("/v1/clusters/default/container-instances").then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> byZone = new HashMap<>();
        List<Map<String, Object>> list = instances.getList("containerInstances");
        for (Map<String, Object> instance : list) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> attributes = (List<Map<String, String>>) instance.get("attributes");
            attributes.stream().filter(a -> "ecs.availability-zone".equals(a.get("name"))).findFirst()
                    .ifPresent(a -> byZone.put(a.get("value"), (String) instance.get("containerInstanceArn")));
        }
        return byZone;
    }

    private static void setState(String instanceArn, String status) {
        String id = instanceArn.substring(instanceArn.lastIndexOf('/') + 1);
        given().contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
                .put("/v1/clusters/default/container-instances/" + id + "/state").then().statusCode(200);
    }
}
