package io.longshore.controlplane.api;

import static io.longshore.controlplane.api.ContainerInstanceApiTest.heartbeat;
import static io.longshore.controlplane.api.ContainerInstanceApiTest.registerInstance;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Arns;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.controlplane.support.Api;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** UpdateContainerInstancesState for one instance: draining and activating again. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ContainerInstanceStateApiTest {

    private static ValidatableResponse putState(String cluster, String instance, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/v1/clusters/" + cluster + "/container-instances/" + instance + "/state").then();
    }

    private static String status(String status) {
        return "{\"status\": \"" + status + "\"}";
    }

    private static ValidatableResponse describe(String cluster, String id) {
        return given().get("/v1/clusters/" + cluster + "/container-instances/" + id).then();
    }

    private static String registered(String cluster) {
        String id = unique("i");
        registerInstance(cluster, id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> describe(cluster, id).statusCode(200));
        return id;
    }

    /** The states published for one instance so far, oldest first. */
    private static List<InstanceState> states(KafkaTestClient.Collector collector, String cluster, String id) {
        return collector.records().stream().filter(r -> MessageKeys.of(cluster, id).equals(r.key()))
                .map(r -> Json.read(r.value(), InstanceState.class)).toList();
    }

    private static InstanceState awaitState(KafkaTestClient.Collector collector, String cluster, String id,
                                            Predicate<InstanceState> match) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> states(collector, cluster, id).stream().filter(match).findFirst().orElse(null),
                s -> s != null);
    }

    @Test
    void drainingIsPersistedPublishedAndKeptWhenTheAgentRegistersAgainOrHeartbeats() throws Exception {
        String cluster = unique("drain");
        Api.createCluster(cluster);
        String id = registered(cluster);
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.INSTANCE_STATE)) {
            // By ARN: the response and the stored instance say DRAINING.
            putState(cluster, Arns.containerInstance(cluster, id), status("DRAINING")).statusCode(200)
                    .body("containerInstance.ec2InstanceId", equalTo(id))
                    .body("containerInstance.containerInstanceArn", equalTo(Arns.containerInstance(cluster, id)))
                    .body("containerInstance.status", equalTo("DRAINING"))
                    .body("containerInstance.registeredResources[0].integerValue", equalTo(2048));
            describe(cluster, id).body("containerInstance.status", equalTo("DRAINING"));
            given().queryParam("filter", "ec2InstanceId == " + id)
                    .get("/v1/clusters/" + cluster + "/container-instances").then()
                    .body("containerInstances[0].status", equalTo("DRAINING"));

            // The scheduler hears of it and places nothing more there.
            InstanceState drained = awaitState(collector, cluster, id, s -> s.status() == InstanceStatus.DRAINING);
            assertThat(drained.acceptsPlacements()).isFalse();
            assertThat(drained.attributes()).containsEntry("ecs.availability-zone", "local-a");
            assertThat(drained.resources().memory()).isEqualTo(4096);

            // The agent registers again (a restart, a new version): still DRAINING, in the store and on the topic.
            TestKafka.send(Topics.INSTANCE_EVENTS, MessageKeys.of(cluster, id), new InstanceEvent.Registered(cluster,
                    id, "host-" + id, "127.0.0.2", "0.2.0", new InstanceResources(2048, 4096, List.of(22, 8080),
                    49153, 65535), Map.of("ecs.availability-zone", "local-a", "ecs.os-type", "linux"),
                    Instant.now(), null));
            InstanceState reRegistered = awaitState(collector, cluster, id, s -> "0.2.0".equals(s.agentVersion()));
            assertThat(reRegistered.status()).isEqualTo(InstanceStatus.DRAINING);
            assertThat(reRegistered.agentConnected()).isTrue();
            describe(cluster, id).body("containerInstance.status", equalTo("DRAINING"))
                    .body("containerInstance.versionInfo.agentVersion", equalTo("0.2.0"));

            // Silent past the (test) timeout of 3 s, then back with a heartbeat: still DRAINING.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> describe(cluster, id)
                    .body("containerInstance.agentConnected", equalTo(false)));
            heartbeat(cluster, id);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> describe(cluster, id)
                    .body("containerInstance.agentConnected", equalTo(true)));
            describe(cluster, id).body("containerInstance.status", equalTo("DRAINING"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<InstanceState> states = states(collector, cluster, id);
                int lost = states.indexOf(states.stream()
                        .filter(s -> !s.agentConnected() && s.status() == InstanceStatus.DRAINING)
                        .findFirst().orElse(null));
                assertThat(lost).as("the state published while the agent was away").isNotNegative();
                assertThat(states.subList(lost, states.size())).extracting(InstanceState::status)
                        .isNotEmpty().containsOnly(InstanceStatus.DRAINING);
                assertThat(states.subList(lost, states.size())).anyMatch(InstanceState::agentConnected);
            });

            // Back to ACTIVE (by id): placements are allowed again.
            putState(cluster, id, status("ACTIVE")).statusCode(200)
                    .body("containerInstance.status", equalTo("ACTIVE"));
            describe(cluster, id).body("containerInstance.status", equalTo("ACTIVE"));
            InstanceState active = awaitState(collector, cluster, id, s -> s.status() == InstanceStatus.ACTIVE
                    && "0.2.0".equals(s.agentVersion()));
            assertThat(active.acceptsPlacements()).isEqualTo(active.agentConnected());
        }
    }

    @Test
    void theSameStatusAgainAndBadRequestsPublishNothing() throws Exception {
        String cluster = unique("drainidem");
        Api.createCluster(cluster);
        String id = registered(cluster);
        // Let the agent go silent first, so that the heartbeat monitor publishes nothing more for it and
        // every later record comes from this test's calls.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> describe(cluster, id)
                .body("containerInstance.agentConnected", equalTo(false)));
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.INSTANCE_STATE)) {
            awaitState(collector, cluster, id, s -> !s.agentConnected());
            int before = states(collector, cluster, id).size();

            putState(cluster, id, status("DRAINING")).statusCode(200).body("containerInstance.status",
                    equalTo("DRAINING"));
            putState(cluster, id, status("DRAINING")).statusCode(200).body("containerInstance.status",
                    equalTo("DRAINING"));

            for (String body : List.of(status("STOPPED"), status("draining"), status("INACTIVE"), "{}",
                    "{\"status\": null}", "{\"status\": [\"ACTIVE\"]}")) {
                putState(cluster, id, body).statusCode(400)
                        .header("x-amzn-ErrorType", "InvalidParameterException")
                        .body("__type", equalTo("InvalidParameterException"));
            }
            putState(cluster, id, status("STOPPED")).body("message", equalTo("status: must be ACTIVE or DRAINING"));
            putState(cluster, id, "{}").body("message", equalTo("status: must be ACTIVE or DRAINING"));
            putState(cluster, id, "{not json").statusCode(400).body("__type", equalTo("ClientException"));
            putState(cluster, id, "").statusCode(400);

            String nobody = unique("nobody");
            putState(cluster, nobody, status("ACTIVE")).statusCode(404)
                    .body("message", equalTo("containerInstance: container instance " + nobody
                            + " not found in cluster " + cluster));
            putState(cluster, Arns.containerInstance(cluster, nobody), status("ACTIVE")).statusCode(404)
                    .body("__type", equalTo("ClientException"))
                    .body("message", equalTo("containerInstance: container instance " + nobody
                            + " not found in cluster " + cluster));
            String ghost = unique("ghost");
            putState(ghost, id, status("ACTIVE")).statusCode(404)
                    .body("__type", equalTo("ClusterNotFoundException"))
                    .body("message", equalTo("cluster: cluster " + ghost + " not found"));
            // An instance of another cluster is not found in this one.
            putState("default", id, status("ACTIVE")).statusCode(404);
            describe(cluster, id).body("containerInstance.status", equalTo("DRAINING"));

            putState(cluster, id, status("ACTIVE")).statusCode(200).body("containerInstance.status",
                    equalTo("ACTIVE"));
            putState(cluster, id, status("ACTIVE")).statusCode(200);

            // The outbox publishes in order: once the ACTIVE state is out, anything the calls in between
            // had published would be too. Exactly one DRAINING and one ACTIVE record.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<InstanceState> states = states(collector, cluster, id);
                return states.subList(before, states.size()).stream()
                        .anyMatch(s -> s.status() == InstanceStatus.ACTIVE);
            });
            // and nothing more arrives: the second ACTIVE call must not publish (holds for 1.5 s)
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> states(collector, cluster, id).size() - before == 2);
            List<InstanceState> after = states(collector, cluster, id);
            assertThat(after.subList(before, after.size())).extracting(InstanceState::status)
                    .containsExactly(InstanceStatus.DRAINING, InstanceStatus.ACTIVE);
            assertThat(collector.records()).noneMatch(r -> MessageKeys.of(cluster, nobody).equals(r.key())
                    || MessageKeys.of("default", id).equals(r.key()) || MessageKeys.of(ghost, id).equals(r.key()));
        }
    }
}
