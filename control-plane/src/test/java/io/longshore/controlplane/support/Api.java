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

    public static ValidatableResponse createService(String cluster, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/clusters/" + cluster + "/services").then();
    }

    public static ValidatableResponse describeService(String cluster, String service) {
        return given().get("/v1/clusters/" + cluster + "/services/" + service).then();
    }

    public static ValidatableResponse updateService(String cluster, String service, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .patch("/v1/clusters/" + cluster + "/services/" + service).then();
    }

    public static ValidatableResponse deleteService(String cluster, String service, boolean force) {
        var request = given();
        if (force) {
            request = request.queryParam("force", "true");
        }
        return request.delete("/v1/clusters/" + cluster + "/services/" + service).then();
    }

    public static String serviceArn(String cluster, String service) {
        return "arn:aws:ecs:local:000000000000:service/" + cluster + "/" + service;
    }

    public static String taskDefinitionArn(String family, int revision) {
        return "arn:aws:ecs:local:000000000000:task-definition/" + family + ":" + revision;
    }

    /** The service's auto scaling paths: {@code /v1/clusters/<cluster>/services/<service><path>}. */
    public static String scaling(String cluster, String service, String path) {
        return "/v1/clusters/" + cluster + "/services/" + service + path;
    }

    public static ValidatableResponse registerTarget(String cluster, String service, String body) {
        return given().contentType(ContentType.JSON).body(body).put(scaling(cluster, service, "/scalable-target"))
                .then();
    }

    public static ValidatableResponse describeTarget(String cluster, String service) {
        return given().get(scaling(cluster, service, "/scalable-target")).then();
    }

    public static ValidatableResponse putPolicy(String cluster, String service, String policy, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put(scaling(cluster, service, "/scaling-policies/" + policy)).then();
    }

    public static ValidatableResponse putScheduledAction(String cluster, String service, String action, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put(scaling(cluster, service, "/scheduled-actions/" + action)).then();
    }

    public static ValidatableResponse activities(String cluster, String service) {
        return given().get(scaling(cluster, service, "/scaling-activities")).then();
    }

    /** A CPU target tracking policy's body. */
    public static String cpuTargetTracking(double target) {
        return """
                {"PolicyType": "TargetTrackingScaling",
                 "TargetTrackingScalingPolicyConfiguration": {"TargetValue": %s,
                   "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}
                """.formatted(target);
    }
}
