package io.longshore.controlplane.api;

import static io.longshore.controlplane.api.ContainerInstanceApiTest.registerInstance;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import io.longshore.controlplane.support.Api;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PutAttributes / DeleteAttributes, the ListContainerInstances filter, and memberOf validation in RunTask. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AttributesApiTest {

    private static ValidatableResponse put(String cluster, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/v1/clusters/" + cluster + "/attributes").then();
    }

    private static ValidatableResponse delete(String cluster, String body) {
        return given().contentType(ContentType.JSON).body(body).delete("/v1/clusters/" + cluster + "/attributes")
                .then();
    }

    private static String attribute(String name, String value, String target) {
        return "{\"attributes\": [{\"name\": \"" + name + "\", " + (value == null ? "" : "\"value\": \"" + value
                + "\", ") + "\"targetType\": \"container-instance\", \"targetId\": \"" + target + "\"}]}";
    }

    private static String registered(String cluster) {
        String id = unique("i");
        registerInstance(cluster, id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/v1/clusters/" + cluster + "/container-instances/" + id).then().statusCode(200));
        return id;
    }

    private static ValidatableResponse listFiltered(String cluster, String filter) {
        return given().queryParam("filter", filter).get("/v1/clusters/" + cluster + "/container-instances").then();
    }

    @Test
    void customAttributesAreShownFilteredOnPublishedAndSurviveReRegistration() {
        String cluster = unique("attr");
        Api.createCluster(cluster);
        String a = registered(cluster);
        String b = registered(cluster);

        put(cluster, attribute("stack", "prod", "arn:aws:ecs:local:000000000000:container-instance/" + cluster
                + "/" + a)).statusCode(200)
                .body("attributes[0].name", equalTo("stack"))
                .body("attributes[0].value", equalTo("prod"))
                .body("attributes[0].targetType", equalTo("container-instance"))
                .body("attributes[0].targetId", equalTo(a));

        given().get("/v1/clusters/" + cluster + "/container-instances/" + a).then()
                .body("containerInstance.attributes.name", contains("ecs.availability-zone", "ecs.os-type", "stack"))
                .body("containerInstance.attributes.value", contains("local-a", "linux", "prod"));
        listFiltered(cluster, "attribute:stack == prod").statusCode(200)
                .body("containerInstances.ec2InstanceId", contains(a));
        listFiltered(cluster, "not(attribute:stack exists) and attribute:ecs.os-type == linux")
                .body("containerInstances.ec2InstanceId", contains(b));
        listFiltered(cluster, "runningTasksCount == 0 and agentConnected == true and registeredAt > 2020-01-01")
                .body("containerInstances.ec2InstanceId", containsInAnyOrder(a, b));
        listFiltered(cluster, "ec2InstanceId in [" + b + ", nobody]")
                .body("containerInstances.ec2InstanceId", contains(b));
        listFiltered(cluster, "task:group exists").body("containerInstances", hasSize(0));

        // The scheduler hears of it through the instance state.
        TestKafka.awaitRecord(Topics.INSTANCE_STATE, r -> r.key().equals(MessageKeys.of(cluster, a))
                && "prod".equals(Json.read(r.value(), InstanceState.class).attributes().get("stack")));

        // The agent registering again rewrites its own attributes, not the custom ones.
        registerInstance(cluster, a);
        TestKafka.awaitRecords(Topics.INSTANCE_STATE, r -> r.key().equals(MessageKeys.of(cluster, a)), 3);
        given().get("/v1/clusters/" + cluster + "/container-instances/" + a).then()
                .body("containerInstance.attributes.name", hasItem("stack"));

        delete(cluster, attribute("stack", null, a)).statusCode(200).body("attributes[0].name", equalTo("stack"));
        given().get("/v1/clusters/" + cluster + "/container-instances/" + a).then()
                .body("containerInstance.attributes.name", not(hasItem("stack")));
        listFiltered(cluster, "attribute:stack == prod").body("containerInstances", hasSize(0));
        TestKafka.awaitRecord(Topics.INSTANCE_STATE, r -> r.key().equals(MessageKeys.of(cluster, a))
                && !Json.read(r.value(), InstanceState.class).attributes().containsKey("stack")
                && Json.read(r.value(), InstanceState.class).attributes().containsKey("ecs.os-type"));
    }

    @Test
    void badAttributesAre400sThatNameTheFieldAndChangeNothing() {
        String cluster = unique("attrbad");
        Api.createCluster(cluster);
        String a = registered(cluster);
        put(cluster, attribute("ecs.availability-zone", "x", a)).statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", equalTo("attributes[0].name: built-in attributes (ecs.*) cannot be changed"));
        delete(cluster, attribute("ecs.os-type", null, a)).statusCode(400);
        put(cluster, attribute("bad name!", "x", a)).statusCode(400)
                .body("message", equalTo("attributes[0].name: must be 1 to 128 letters, digits, hyphens, "
                        + "underscores, slashes or periods"));
        put(cluster, attribute("ok", "x".repeat(129), a)).statusCode(400)
                .body("message", equalTo("attributes[0].value: must be 1 to 128 characters"));
        put(cluster, attribute("ok", null, a)).statusCode(400)
                .body("message", equalTo("attributes[0].value: is required"));
        put(cluster, "{\"attributes\": []}").statusCode(400)
                .body("message", equalTo("attributes: at least one attribute is required"));
        put(cluster, "{\"attributes\": [{\"name\": \"ok\", \"value\": \"1\", \"targetType\": \"instance\", "
                + "\"targetId\": \"" + a + "\"}]}").statusCode(400)
                .body("message", equalTo("attributes[0].targetType: must be container-instance"));

        // One unknown target: nothing is set, not even on the instance that exists.
        put(cluster, "{\"attributes\": [{\"name\": \"ok\", \"value\": \"1\", \"targetId\": \"" + a + "\"},"
                + "{\"name\": \"ok\", \"value\": \"1\", \"targetId\": \"nobody\"}]}").statusCode(400)
                .body("__type", equalTo("TargetNotFoundException"))
                .body("message", equalTo("attributes[1].targetId: container instance nobody not found in cluster "
                        + cluster));
        given().get("/v1/clusters/" + cluster + "/container-instances/" + a).then()
                .body("containerInstance.attributes.name", not(hasItem("ok")));
        put("no-such-cluster-" + unique("x"), attribute("ok", "1", a)).statusCode(404);
    }

    @Test
    void aFilterThatDoesNotParseIsA400NamingThePosition() {
        listFiltered("default", "attribute:stack foo prod").statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", equalTo("filter: unexpected 'foo' at position 17: expected an operator"));
    }

    @Test
    void runTaskRefusesAMemberOfExpressionThatDoesNotParse() {
        String family = unique("mo");
        Api.register(Api.simpleDefinition(family)).statusCode(200);
        Api.runTask("default", "{\"taskDefinition\": \"" + family + "\", \"placementConstraints\": ["
                        + "{\"type\": \"distinctInstance\"},"
                        + "{\"type\": \"memberOf\", \"expression\": \"attribute:x foo\"}]}")
                .statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", equalTo("placementConstraints[1].expression: unexpected 'foo' at position 13: "
                        + "expected an operator"));
        given().queryParam("family", family).get("/v1/clusters/default/tasks").then()
                .body("tasks", hasSize(0));
        assertThat(family).isNotBlank();
    }
}
