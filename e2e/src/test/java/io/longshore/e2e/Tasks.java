package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** RunTask, StopTask and DescribeTasks on the e2e stack's default cluster, as the end-to-end tests use them. */
final class Tasks {
    private Tasks() {
    }

    /** Runs one task of the family's latest revision and returns its id; fails the test if it was not placed. */
    static String runOne(String family) {
        JsonPath run = given().contentType(ContentType.JSON).body("{\"taskDefinition\": \"" + family + "\"}")
                .post("/v1/clusters/default/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(run.getList("failures")).isEmpty();
        String arn = run.getString("tasks[0].taskArn");
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** Stops the task and waits until it is STOPPED. */
    static void stop(String taskId) {
        given().contentType(ContentType.JSON).body("{}").post("/v1/clusters/default/tasks/" + taskId + "/stop")
                .then().statusCode(200);
        awaitStatus(taskId, "STOPPED");
    }

    static JsonPath task(String taskId) {
        return task("default", taskId);
    }

    static JsonPath task(String cluster, String taskId) {
        return given().get("/v1/clusters/" + cluster + "/tasks/" + taskId).then().statusCode(200).extract().jsonPath();
    }

    /** The task once its lastStatus is {@code status} (a pull from the registry may come first: 90 s). */
    static JsonPath awaitStatus(String taskId, String status) {
        return awaitStatus("default", taskId, status);
    }

    static JsonPath awaitStatus(String cluster, String taskId, String status) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> task(cluster, taskId),
                t -> status.equals(t.getString("task.lastStatus")));
    }
}
