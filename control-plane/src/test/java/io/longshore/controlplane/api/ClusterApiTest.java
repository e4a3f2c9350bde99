package io.longshore.controlplane.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ClusterApiTest {

    @Test
    void defaultClusterExistsFromTheFirstMigration() {
        given().get("/v1/clusters/default").then().statusCode(200)
                .body("cluster.clusterName", equalTo("default"))
                .body("cluster.status", equalTo("ACTIVE"))
                .body("cluster.clusterArn", equalTo("arn:aws:ecs:local:000000000000:cluster/default"));
        given().get("/v1/clusters").then().statusCode(200)
                .body("clusters.clusterName", hasItem("default"));
    }

    @Test
    void createIsIdempotentAndDeleteMarksInactive() {
        given().contentType(ContentType.JSON).body("{\"clusterName\":\"blue\"}")
                .post("/v1/clusters").then().statusCode(200)
                .body("cluster.clusterName", equalTo("blue"))
                .body("cluster.status", equalTo("ACTIVE"))
                .body("cluster.registeredContainerInstancesCount", equalTo(0))
                .body("cluster.runningTasksCount", equalTo(0))
                .body("cluster.pendingTasksCount", equalTo(0));
        given().contentType(ContentType.JSON).body("{\"clusterName\":\"blue\"}")
                .post("/v1/clusters").then().statusCode(200)
                .body("cluster.clusterName", equalTo("blue"));

        given().delete("/v1/clusters/blue").then().statusCode(200)
                .body("cluster.status", equalTo("INACTIVE"));
        given().get("/v1/clusters/blue").then().statusCode(200)
                .body("cluster.status", equalTo("INACTIVE"));
        given().get("/v1/clusters").then().statusCode(200)
                .body("clusters.clusterName", not(hasItem("blue")));
        given().delete("/v1/clusters/blue").then().statusCode(404)
                .body("__type", equalTo("ClusterNotFoundException"));
    }

    @Test
    void badClusterNamesAndUnknownClusters() {
        given().contentType(ContentType.JSON).body("{\"clusterName\":\"no spaces\"}")
                .post("/v1/clusters").then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidParameterException")
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", startsWith("clusterName: must be 1 to 255 letters"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/v1/clusters").then().statusCode(400)
                .body("message", equalTo("clusterName: is required"));
        given().contentType(ContentType.JSON).body("{\"clusterName\":")
                .post("/v1/clusters").then().statusCode(400)
                .body("message", startsWith("malformed JSON: "));
        given().get("/v1/clusters/nope").then().statusCode(404)
                .body("__type", equalTo("ClusterNotFoundException"))
                .body("message", equalTo("cluster: cluster nope not found"));
        given().get("/v1/clusters/nope").then().statusCode(404);
        given().get("/v1/clusters").then().statusCode(200)
                .body("clusters.clusterName", not(hasItem("no spaces")));
    }

    @Test
    void healthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/clusters/{cluster}/tasks'.post", org.hamcrest.Matchers.notNullValue());
    }
}
