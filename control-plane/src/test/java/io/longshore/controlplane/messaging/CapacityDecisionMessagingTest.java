package io.longshore.controlplane.messaging;

import static io.longshore.controlplane.support.Api.createCluster;
import static io.longshore.controlplane.support.Api.unique;
import static io.longshore.controlplane.support.CapacityApi.group;
import static io.longshore.controlplane.support.CapacityApi.newProvider;
import static io.longshore.controlplane.support.CapacityApi.putClusterProviders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What cluster scaling sends the control plane on longshore.capacity-decisions: drains, deregistrations
 * and group statuses; and the provider's hosts registering with their capacity provider.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CapacityDecisionMessagingTest {
    static KafkaTestClient kafka;

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static void send(CapacityDecision decision) {
        kafka.send(Topics.CAPACITY_DECISIONS, decision.key(), decision);
    }

    static ValidatableResponse instance(String cluster, String id) {
        return given().get("/v1/clusters/" + cluster + "/container-instances/" + id).then();
    }

    /** A host of the provider registers, as a provisioned agent does: its provider and host id attribute. */
    static void registerHost(String cluster, String id, String provider, String hostId) {
        InstanceEvent.Registered registered = new InstanceEvent.Registered(cluster, id, "host-" + id, "127.0.0.1",
                "0.1.0", new InstanceResources(1024, 2048, List.of(), 49153, 65535),
                Map.of("longshore.host-id", hostId, "stack", "prod"), Instant.now(), provider);
        kafka.send(Topics.INSTANCE_EVENTS, MessageKeys.of(cluster, id), registered);
    }

    static InstanceState awaitState(KafkaTestClient.Collector states, String cluster, String id,
                                    Predicate<InstanceState> match) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> states.records().stream()
                .filter(r -> MessageKeys.of(cluster, id).equals(r.key()))
                .map(r -> Json.read(r.value(), InstanceState.class))
                .filter(match).findFirst().orElse(null), s -> s != null);
    }

    static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(assertion::run);
    }

    @Test
    void aHostRegistersWithItsProviderIsDrainedThenDeregistered() throws Exception {
        String cluster = unique("cdm");
        createCluster(cluster);
        String provider = newProvider();
        putClusterProviders(cluster, "{\"capacityProviders\": [\"" + provider + "\"]}").statusCode(200);
        String id = unique("i");
        try (KafkaTestClient.Collector states = KafkaTestClient.collect(Topics.INSTANCE_STATE)) {
            registerHost(cluster, id, provider, "h-1");
            InstanceState registered = awaitState(states, cluster, id, s -> s.status() == InstanceStatus.ACTIVE);
            assertThat(registered.capacityProviderName()).isEqualTo(provider);
            assertThat(registered.attributes()).containsEntry("longshore.host-id", "h-1");
            instance(cluster, id).statusCode(200).body("containerInstance.capacityProviderName", equalTo(provider));

            CapacityDecision.DrainInstance drain = new CapacityDecision.DrainInstance(cluster, provider, id,
                    "scale-in: empty host", Instant.now());
            send(drain);
            InstanceState drained = awaitState(states, cluster, id, s -> s.status() == InstanceStatus.DRAINING);
            assertThat(drained.capacityProviderName()).isEqualTo(provider);
            instance(cluster, id).body("containerInstance.status", equalTo("DRAINING"));

            send(new CapacityDecision.DeregisterInstance(cluster, provider, id, "host h-1 terminated", Instant.now()));
            InstanceState gone = awaitState(states, cluster, id, s -> s.status() == InstanceStatus.INACTIVE);
            assertThat(gone.agentConnected()).isFalse();
            instance(cluster, id).body("containerInstance.status", equalTo("INACTIVE"))
                    .body("containerInstance.agentConnected", equalTo(false));
            // Redelivered, and a drain of what is gone: nothing more is published.
            send(new CapacityDecision.DeregisterInstance(cluster, provider, id, "again", Instant.now()));
            send(drain);
            send(new CapacityDecision.DrainInstance(cluster, provider, "no-such-instance", "x", Instant.now()));
            // A marker decision after them: once it is applied, the ones before it were too.
            String marker = unique("i");
            registerHost(cluster, marker, provider, "h-2");
            awaitState(states, cluster, marker, s -> true);
            send(new CapacityDecision.DrainInstance(cluster, provider, marker, "marker", Instant.now()));
            awaitState(states, cluster, marker, s -> s.status() == InstanceStatus.DRAINING);
            assertThat(states.records().stream().filter(r -> MessageKeys.of(cluster, id).equals(r.key())))
                    .hasSize(3);
        }
    }

    @Test
    void aGroupStatusStoresTheGroupRecordsItsActivityOnceAndTheReservation() {
        String cluster = unique("cdm");
        createCluster(cluster);
        String provider = newProvider();
        putClusterProviders(cluster, "{\"capacityProviders\": [\"" + provider + "\"]}").statusCode(200);
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        CapacityDecision.Activity launch = new CapacityDecision.Activity("launch-" + unique("a"),
                "Launching a new host: h-1", "CapacityProviderReservation 200 is above the target 100: 1 host needed, 0 running");
        CapacityDecision.GroupStatus scaledOut = new CapacityDecision.GroupStatus(cluster, provider, provider, 1,
                List.of("h-1"), 1, 200.0, launch, first);
        send(scaledOut);
        send(scaledOut);
        eventually(() -> group(provider).body("autoScalingGroup.desiredCapacity", equalTo(1))
                .body("autoScalingGroup.instances", equalTo(List.of("h-1"))));

        CapacityDecision.Activity second = new CapacityDecision.Activity("launch-" + unique("a"),
                "Launching a new host: h-2", "CapacityProviderReservation 200 is above the target 100: 2 hosts needed, 1 running");
        send(new CapacityDecision.GroupStatus(cluster, provider, provider, 2, List.of("h-1", "h-2"), 2, 200.0, second,
                first.plusSeconds(5)));
        // An older status read late changes nothing of the group.
        send(new CapacityDecision.GroupStatus(cluster, provider, provider, 0, List.of(), 0, 0.0, null,
                first.plusSeconds(1)));
        send(new CapacityDecision.GroupStatus(cluster, provider, provider, 2, List.of("h-1", "h-2"), 2, 100.0, null,
                first.plusSeconds(6)));
        eventually(() -> given().get("/v1/clusters/" + cluster + "/metrics?namespace=AWS/ECS/ManagedScaling"
                        + "&metricName=CapacityProviderReservation&dimension.CapacityProviderName=" + provider
                        + "&dimension.ClusterName=" + cluster).then().statusCode(200)
                .body("Label", equalTo("CapacityProviderReservation"))
                .body("Datapoints", hasSize(4))
                .body("Datapoints.Timestamp", equalTo(List.of(first.toString(), first.plusSeconds(1).toString(),
                        first.plusSeconds(5).toString(), first.plusSeconds(6).toString())))
                .body("Datapoints.Average", equalTo(List.of(200.0f, 0.0f, 200.0f, 100.0f)))
                .body("Datapoints[0].Unit", equalTo("Percent")));
        group(provider).body("autoScalingGroup.desiredCapacity", equalTo(2))
                .body("autoScalingGroup.instances", equalTo(List.of("h-1", "h-2")));
        given().get("/v1/auto-scaling-groups/" + provider + "/activities").then().statusCode(200)
                .body("activities", hasSize(2))
                .body("activities[0].activityId", equalTo(second.activityId()))
                .body("activities[0].description", equalTo("Launching a new host: h-2"))
                .body("activities[0].cause", equalTo(second.cause()))
                .body("activities[0].startTime", equalTo(first.plusSeconds(5).toString()))
                .body("activities[0].statusCode", equalTo("Successful"))
                .body("activities[0].autoScalingGroupName", equalTo(provider))
                .body("activities[1].activityId", equalTo(launch.activityId()));
        // Another provider's reservation is another metric; an unknown cluster is a 404.
        given().get("/v1/clusters/" + cluster + "/metrics?namespace=AWS/ECS/ManagedScaling"
                        + "&metricName=CapacityProviderReservation&dimension.CapacityProviderName=other").then()
                .statusCode(200).body("Datapoints", hasSize(0));
        given().get("/v1/clusters/nope/metrics?namespace=AWS/ECS/ManagedScaling&metricName=CapacityProviderReservation")
                .then().statusCode(404);
    }
}
