package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.runTask;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.support.Api;
import io.longshore.controlplane.support.FakeScheduler;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ContainerInstanceApiTest {

    static void registerInstance(String cluster, String id) {
        InstanceEvent.Registered registered = new InstanceEvent.Registered(cluster, id, "host-" + id, "127.0.0.2",
                "0.1.0", new InstanceResources(2048, 4096, List.of(22, 8080), 49153, 65535),
                Map.of("ecs.availability-zone", "local-a", "ecs.os-type", "linux"), Instant.now(), null);
        TestKafka.send(Topics.INSTANCE_EVENTS, MessageKeys.of(cluster, id), registered);
    }

    static void heartbeat(String cluster, String id) {
        TestKafka.send(Topics.INSTANCE_EVENTS, MessageKeys.of(cluster, id),
                new InstanceEvent.Heartbeat(cluster, id, 0, Instant.now()));
    }

    static InstanceState awaitState(String cluster, String id, boolean connected) {
        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.INSTANCE_STATE,
                r -> r.key().equals(MessageKeys.of(cluster, id))
                        && Json.read(r.value(), InstanceState.class).agentConnected() == connected);
        return Json.read(record.value(), InstanceState.class);
    }

    @Test
    void aRegisteredInstanceShowsItsResourcesAndItsStateIsPublished() throws Exception {
        String cluster = unique("reg");
        Api.createCluster(cluster);
        String id = unique("i");
        registerInstance(cluster, id);

        String path = "/v1/clusters/" + cluster + "/container-instances/" + id;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(path).then().statusCode(200));
        given().get(path).then()
                .body("containerInstance.containerInstanceArn",
                        equalTo("arn:aws:ecs:local:000000000000:container-instance/" + cluster + "/" + id))
                .body("containerInstance.ec2InstanceId", equalTo(id))
                .body("containerInstance.status", equalTo("ACTIVE"))
                .body("containerInstance.versionInfo.agentVersion", equalTo("0.1.0"))
                .body("containerInstance.attributes.name", contains("ecs.availability-zone", "ecs.os-type"))
                .body("containerInstance.attributes.value", contains("local-a", "linux"))
                .body("containerInstance.registeredResources.name", contains("CPU", "MEMORY", "PORTS", "PORTS_UDP"))
                .body("containerInstance.registeredResources[0].type", equalTo("INTEGER"))
                .body("containerInstance.registeredResources[0].integerValue", equalTo(2048))
                .body("containerInstance.registeredResources[1].integerValue", equalTo(4096))
                .body("containerInstance.registeredResources[2].type", equalTo("STRINGSET"))
                .body("containerInstance.registeredResources[2].stringSetValue", contains("22", "8080"))
                .body("containerInstance.remainingResources[0].integerValue", equalTo(2048))
                .body("containerInstance.runningTasksCount", equalTo(0));
        given().get("/v1/clusters/" + cluster + "/container-instances").then().statusCode(200)
                .body("containerInstances", hasSize(1));
        given().get("/v1/clusters/" + cluster).then().body("cluster.registeredContainerInstancesCount", equalTo(1));

        InstanceState state = awaitState(cluster, id, true);
        assertThat(state.status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(state.resources().memory()).isEqualTo(4096);
        assertThat(state.bindIp()).isEqualTo("127.0.0.2");
        assertThat(state.attributes()).containsEntry("ecs.availability-zone", "local-a");
        assertThat(state.registeredAt()).isNotNull();

        // An instance with an agent cannot go away with its cluster.
        given().delete("/v1/clusters/" + cluster).then().statusCode(409)
                .body("__type", equalTo("ClusterContainsContainerInstancesException"));
    }

    @Test
    void placedTasksReduceRemainingResources() throws Exception {
        String cluster = unique("cap");
        Api.createCluster(cluster);
        String id = unique("i");
        registerInstance(cluster, id);
        String path = "/v1/clusters/" + cluster + "/container-instances/" + id;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(path).then().statusCode(200));

        String family = unique("cap");
        register(simpleDefinition(family)).statusCode(200);
        try (FakeScheduler ignored = FakeScheduler.start(family, spec -> new TaskStateChange(spec.cluster(),
                spec.taskId(), TaskStatus.PENDING, new Allocation(id, spec.requiredCpu(), spec.requiredMemory(),
                List.of(new HostPort(49153, "tcp"), new HostPort(5353, "udp"))), null, null, null, null, null, null,
                Instant.now(), "scheduler"))) {
            runTask(cluster, "{\"taskDefinition\": \"" + family + "\", \"count\": 1}").statusCode(200)
                    .body("tasks[0].lastStatus", equalTo("PENDING"));
        }
        given().get(path).then()
                .body("containerInstance.remainingResources[0].integerValue", equalTo(2048 - 128))
                .body("containerInstance.remainingResources[1].integerValue", equalTo(4096 - 128))
                .body("containerInstance.remainingResources[2].stringSetValue", contains("22", "8080", "49153"))
                .body("containerInstance.remainingResources[3].stringSetValue", contains("5353"))
                .body("containerInstance.pendingTasksCount", equalTo(1));
        given().queryParam("containerInstance", id).get("/v1/clusters/" + cluster + "/tasks").then()
                .body("tasks", hasSize(1));
    }

    @Test
    void silentAgentsAreMarkedDisconnectedAndAHeartbeatReconnectsThem() {
        String cluster = "default";
        String id = unique("quiet");
        registerInstance(cluster, id);
        String path = "/v1/clusters/" + cluster + "/container-instances/" + id;
        // The test heartbeat timeout is 3 s.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path).then().statusCode(200)
                .body("containerInstance.agentConnected", equalTo(false)));
        InstanceState lost = awaitState(cluster, id, false);
        assertThat(lost.acceptsPlacements()).isFalse();

        heartbeat(cluster, id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(path).then()
                .body("containerInstance.agentConnected", equalTo(true)));
        assertThat(TestKafka.awaitRecords(Topics.INSTANCE_STATE,
                r -> r.key().equals(MessageKeys.of(cluster, id))
                        && Json.read(r.value(), InstanceState.class).agentConnected(), 2)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void registrationsForUnknownClustersAndUnreadableEventsAreDropped() {
        String ghost = unique("ghost");
        String id = unique("i");
        registerInstance(ghost, id);
        String marker = unique("marker");
        TestKafka.sendRaw(Topics.INSTANCE_EVENTS, MessageKeys.of("default", marker), "{not json " + marker);
        // The unreadable record goes to the dead-letter topic and the consumer moves on.
        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(Topics.DEAD_LETTER, r -> r.value() != null
                && r.value().contains(marker));
        assertThat(dead.key()).isEqualTo(MessageKeys.of("default", marker));
        String after = unique("after");
        registerInstance("default", after);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/v1/clusters/default/container-instances/" + after).then().statusCode(200));
        given().get("/v1/clusters/" + ghost + "/container-instances").then().statusCode(404);
        given().get("/v1/clusters/default/container-instances/" + id).then().statusCode(404);
    }
}
