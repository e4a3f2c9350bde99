package io.longshore.controlplane.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Short-hands for cluster auto scaling's REST calls: groups, capacity providers, their association. */
public final class CapacityApi {
    private CapacityApi() {
    }

    public static ValidatableResponse createGroup(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/auto-scaling-groups").then();
    }

    /** A group of 0..4 hosts of 1024 CPU units and 2048 MiB, desired 0. */
    public static ValidatableResponse createGroup(String name, int min, int max) {
        return createGroup("""
                {"autoScalingGroupName": "%s", "minSize": %d, "maxSize": %d,
                 "instanceType": {"cpu": 1024, "memory": 2048}, "attributes": {"stack": "prod"}}
                """.formatted(name, min, max));
    }

    public static ValidatableResponse group(String name) {
        return given().get("/v1/auto-scaling-groups/" + name).then();
    }

    public static ValidatableResponse createProvider(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/capacity-providers").then();
    }

    /** A provider on the group (by name), ECS's defaults otherwise. */
    public static ValidatableResponse createProvider(String name, String group) {
        return createProvider("""
                {"name": "%s", "autoScalingGroupProvider": {"autoScalingGroupArn": "%s"}}
                """.formatted(name, group));
    }

    public static ValidatableResponse provider(String name) {
        return given().get("/v1/capacity-providers/" + name).then();
    }

    public static ValidatableResponse putClusterProviders(String cluster, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/v1/clusters/" + cluster + "/capacity-providers").then();
    }

    /** A new group of 0..4 hosts and a provider on it, both of the returned name; associated with no cluster. */
    public static String newProvider() {
        String name = Api.unique("cp");
        createGroup(name, 0, 4).statusCode(200);
        createProvider(name, name).statusCode(200);
        return name;
    }
}
