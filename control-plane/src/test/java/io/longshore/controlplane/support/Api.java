package io.longshore.controlplane.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Short-hands for the REST calls many tests make. */
public final class Api {
    private Api() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A one-container definition: busybox with 128 MiB and container port 80 on a dynamic host port. */
    public static String simpleDefinition(String family) {
        return """
                {"family": "%s",
                 "containerDefinitions": [{"name": "web", "image": "longshore/busybox:latest", "cpu": 128,
                   "memory": 128, "command": ["sleep", "600"],
                   "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                   "portMappings": [{"containerPort": 80, "hostPort": 0}]}]}
                """.formatted(family);
    }

    public static ValidatableResponse register(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/task-definitions").then();
    }

    public static ValidatableResponse runTask(String cluster, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/clusters/" + cluster + "/tasks").then();
    }

    public static ValidatableResponse createCluster(String name) {
        return given().contentType(ContentType.JSON).body("{\"clusterName\":\"" + name + "\"}")
                .post("/v1/clusters").then().statusCode(200);
    }

    public static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
