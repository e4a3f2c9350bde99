package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.createCluster;
import static io.longshore.controlplane.support.Api.unique;
import static io.longshore.controlplane.support.CapacityApi.createGroup;
import static io.longshore.controlplane.support.CapacityApi.createProvider;
import static io.longshore.controlplane.support.CapacityApi.group;
import static io.longshore.controlplane.support.CapacityApi.newProvider;
import static io.longshore.controlplane.support.CapacityApi.provider;
import static io.longshore.controlplane.support.CapacityApi.putClusterProviders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Auto scaling groups, capacity providers and their association with a cluster, through the API,
 * with every change read back from longshore.capacity-providers as the whole spec.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CapacityProviderApiTest {

    static List<CapacityProviderSpec> specs(KafkaTestClient.Collector collector, String provider) {
        return collector.records().stream().filter(r -> MessageKeys.of(provider, provider).equals(r.key()))
                .map(r -> Json.read(r.value(), CapacityProviderSpec.class)).toList();
    }

    static CapacityProviderSpec awaitSpec(KafkaTestClient.Collector collector, String provider,
                                          Predicate<CapacityProviderSpec> match) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> specs(collector, provider).stream().filter(match).findFirst().orElse(null), s -> s != null);
    }

    @Test
    void aGroupAProviderAndTheirAssociationArePublishedWholeOnEveryChange() throws Exception {
        String cluster = unique("cas");
        createCluster(cluster);
        String name = unique("cp");
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.CAPACITY_PROVIDERS)) {
            String groupArn = createGroup("""
                    {"autoScalingGroupName": "%s", "minSize": 1, "maxSize": 4,
                     "instanceType": {"cpu": 1024, "memory": 2048}, "attributes": {"stack": "prod"},
                     "provisioner": "process"}
                    """.formatted(name)).statusCode(200)
                    .body("autoScalingGroup.autoScalingGroupName", equalTo(name))
                    .body("autoScalingGroup.autoScalingGroupArn", matchesPattern(
                            "arn:aws:autoscaling:local:000000000000:autoScalingGroup:[0-9a-f-]{36}"
                                    + ":autoScalingGroupName/" + name))
                    .body("autoScalingGroup.minSize", equalTo(1))
                    .body("autoScalingGroup.desiredCapacity", equalTo(1))
                    .body("autoScalingGroup.instanceType.cpu", equalTo(1024))
                    .body("autoScalingGroup.attributes.stack", equalTo("prod"))
                    .body("autoScalingGroup.provisioner", equalTo("process"))
                    .body("autoScalingGroup.instances", empty())
                    .body("autoScalingGroup.status", equalTo("ACTIVE"))
                    .extract().path("autoScalingGroup.autoScalingGroupArn");
            given().get("/v1/auto-scaling-groups").then().statusCode(200)
                    .body("autoScalingGroups.autoScalingGroupName", hasItem(name));

            // Created on the group's ARN: ECS's shape and defaults; published with no cluster.
            createProvider("""
                    {"name": "%s", "autoScalingGroupProvider": {"autoScalingGroupArn": "%s",
                      "managedScaling": {"targetCapacity": 90}}}
                    """.formatted(name, groupArn)).statusCode(200)
                    .body("capacityProvider.capacityProviderArn",
                            equalTo("arn:aws:ecs:local:000000000000:capacity-provider/" + name))
                    .body("capacityProvider.name", equalTo(name))
                    .body("capacityProvider.status", equalTo("ACTIVE"))
                    .body("capacityProvider.autoScalingGroupProvider.autoScalingGroupArn", equalTo(groupArn))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.status", equalTo("ENABLED"))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.targetCapacity", equalTo(90))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.minimumScalingStepSize", equalTo(1))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.maximumScalingStepSize",
                            equalTo(10000))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.instanceWarmupPeriod", equalTo(300))
                    .body("capacityProvider.autoScalingGroupProvider.managedTerminationProtection", equalTo("ENABLED"));
            CapacityProviderSpec created = awaitSpec(collector, name, s -> true);
            assertThat(created.status()).isEqualTo("ACTIVE");
            assertThat(created.capacityProviderArn()).isEqualTo("arn:aws:ecs:local:000000000000:capacity-provider/" + name);
            assertThat(created.cluster()).isNull();
            assertThat(created.autoScalingGroup()).isEqualTo(new CapacityProviderSpec.AutoScalingGroup(name, groupArn,
                    1, 4, 1, 1024, 2048, Map.of("stack", "prod"), "process"));
            assertThat(created.managedScaling()).isEqualTo(new CapacityProviderSpec.ManagedScaling(true, 90, 1, 10000,
                    300));
            assertThat(created.managedTerminationProtection()).isTrue();

            // Associated, with a default strategy: the cluster shows both, the spec names the cluster.
            putClusterProviders(cluster, """
                    {"capacityProviders": ["%s"],
                     "defaultCapacityProviderStrategy": [{"capacityProvider": "%s", "weight": 1}]}
                    """.formatted(name, name)).statusCode(200)
                    .body("cluster.clusterName", equalTo(cluster))
                    .body("cluster.capacityProviders", equalTo(List.of(name)))
                    .body("cluster.defaultCapacityProviderStrategy[0].capacityProvider", equalTo(name))
                    .body("cluster.defaultCapacityProviderStrategy[0].base", equalTo(0))
                    .body("cluster.defaultCapacityProviderStrategy[0].weight", equalTo(1));
            given().get("/v1/clusters/" + cluster).then()
                    .body("cluster.capacityProviders", equalTo(List.of(name)));
            given().get("/v1/clusters").then()
                    .body("clusters.find { it.clusterName == '" + cluster + "' }.capacityProviders",
                            equalTo(List.of(name)));
            awaitSpec(collector, name, s -> cluster.equals(s.cluster()));

            // The group's sizes, then the provider's managed scaling: each the whole spec again.
            given().contentType(ContentType.JSON).body("{\"maxSize\": 6, \"desiredCapacity\": 3}")
                    .put("/v1/auto-scaling-groups/" + name).then().statusCode(200)
                    .body("autoScalingGroup.maxSize", equalTo(6))
                    .body("autoScalingGroup.desiredCapacity", equalTo(3));
            CapacityProviderSpec resized = awaitSpec(collector, name, s -> s.autoScalingGroup().maxSize() == 6);
            assertThat(resized.autoScalingGroup().desiredCapacity()).isEqualTo(3);
            assertThat(resized.cluster()).isEqualTo(cluster);
            given().contentType(ContentType.JSON).body("""
                    {"autoScalingGroupProvider": {"managedScaling": {"status": "DISABLED"},
                      "managedTerminationProtection": "DISABLED"}}
                    """).put("/v1/capacity-providers/" + name).then().statusCode(200)
                    .body("capacityProvider.updateStatus", equalTo("UPDATE_COMPLETE"))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.status", equalTo("DISABLED"))
                    .body("capacityProvider.autoScalingGroupProvider.managedScaling.targetCapacity", equalTo(90));
            CapacityProviderSpec unmanaged = awaitSpec(collector, name, s -> !s.managedScaling().enabled());
            assertThat(unmanaged.managedTerminationProtection()).isFalse();
            assertThat(unmanaged.autoScalingGroup().maxSize()).isEqualTo(6);

            // Disassociated, then deleted: INACTIVE, published so; then the group can go.
            putClusterProviders(cluster, "{\"capacityProviders\": []}").statusCode(200)
                    .body("cluster.capacityProviders", empty())
                    .body("cluster.defaultCapacityProviderStrategy", empty());
            given().delete("/v1/capacity-providers/" + name).then().statusCode(200)
                    .body("capacityProvider.status", equalTo("INACTIVE"))
                    .body("capacityProvider.updateStatus", equalTo("DELETE_COMPLETE"));
            CapacityProviderSpec deleted = awaitSpec(collector, name, s -> "INACTIVE".equals(s.status()));
            assertThat(deleted.cluster()).isNull();
            provider(name).statusCode(200).body("capacityProvider.status", equalTo("INACTIVE"));
            given().get("/v1/capacity-providers").then().statusCode(200)
                    .body("capacityProviders.find { it.name == '" + name + "' }.status", equalTo("INACTIVE"));
            // Deleting it again changes and publishes nothing.
            given().delete("/v1/capacity-providers/" + name).then().statusCode(200)
                    .body("capacityProvider.status", equalTo("INACTIVE"));
            given().delete("/v1/auto-scaling-groups/" + name).then().statusCode(204);
            group(name).statusCode(404).body("__type", equalTo("ValidationError"));
            List<String> statuses = specs(collector, name).stream().map(s -> s.status() + "/" + s.cluster()).toList();
            assertThat(statuses).containsExactly("ACTIVE/null", "ACTIVE/" + cluster, "ACTIVE/" + cluster,
                    "ACTIVE/" + cluster, "ACTIVE/null", "INACTIVE/null");
        }
    }

    @Test
    void brokenRulesAre4xxNamingTheFieldAndChangeNothing() {
        String cluster = unique("cas");
        createCluster(cluster);
        createGroup("{\"autoScalingGroupName\": \"g\", \"minSize\": 2, \"maxSize\": 1, \"instanceType\": "
                + "{\"cpu\": 1024, \"memory\": 2048}}").statusCode(400)
                .body("__type", equalTo("ValidationError"))
                .body("message", equalTo("maxSize: must be at least minSize (2)"));
        createGroup("{\"autoScalingGroupName\": \"g\", \"minSize\": 0, \"maxSize\": 1}").statusCode(400)
                .body("message", startsWith("instanceType: is required"));
        group("g").statusCode(404);

        String name = newProvider();
        createGroup(name, 0, 2).statusCode(409).body("__type", equalTo("AlreadyExists"))
                .body("message", startsWith("autoScalingGroupName: "));
        given().contentType(ContentType.JSON).body("{\"desiredCapacity\": 5}")
                .put("/v1/auto-scaling-groups/" + name).then().statusCode(400)
                .body("message", equalTo("desiredCapacity: must be between minSize (0) and maxSize (4)"));
        group(name).body("autoScalingGroup.desiredCapacity", equalTo(0));

        // Providers: an unknown group, a group that has a provider, a name taken, a reserved name.
        createProvider(unique("cp"), "no-such-group").statusCode(400)
                .body("message", equalTo("autoScalingGroupProvider.autoScalingGroupArn: no auto scaling group no-such-group"));
        createProvider(unique("cp"), name).statusCode(409)
                .body("message", startsWith("autoScalingGroupProvider.autoScalingGroupArn: auto scaling group " + name
                        + " belongs to capacity provider " + name));
        createProvider("ecs-" + unique("cp"), name).statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", equalTo("name: must not start with aws, ecs or fargate"));
        String other = unique("g");
        createGroup(other, 0, 1).statusCode(200);
        createProvider(name, other).statusCode(409).body("message", startsWith("name: "));
        given().delete("/v1/auto-scaling-groups/" + name).then().statusCode(409)
                .body("__type", equalTo("ResourceInUseException"))
                .body("message", startsWith("autoScalingGroupName: auto scaling group " + name + " is used by"));
        provider("nope").statusCode(404);

        // Associations: unknown provider, a strategy beyond the set, one base too many.
        putClusterProviders(cluster, "{\"capacityProviders\": [\"nope\"]}").statusCode(400)
                .body("message", equalTo("capacityProviders[0]: capacity provider nope not found"));
        putClusterProviders(cluster, """
                {"capacityProviders": ["%s"], "defaultCapacityProviderStrategy": [{"capacityProvider": "x", "weight": 1}]}
                """.formatted(name)).statusCode(400)
                .body("message", equalTo("defaultCapacityProviderStrategy[0].capacityProvider: capacity provider x is "
                        + "not in capacityProviders"));
        putClusterProviders(cluster, "{}").statusCode(400)
                .body("message", startsWith("capacityProviders: is required"));
        given().get("/v1/clusters/" + cluster).then().body("cluster.capacityProviders", empty());

        // A provider of another cluster; one that cannot be deleted while associated.
        putClusterProviders(cluster, "{\"capacityProviders\": [\"" + name + "\"]}").statusCode(200);
        String second = unique("cas");
        createCluster(second);
        putClusterProviders(second, "{\"capacityProviders\": [\"" + name + "\"]}").statusCode(409)
                .body("message", equalTo("capacityProviders[0]: capacity provider " + name
                        + " is associated with cluster " + cluster + " already"));
        given().delete("/v1/capacity-providers/" + name).then().statusCode(409)
                .body("message", startsWith("capacityProvider: capacity provider " + name
                        + " is associated with cluster " + cluster));
        provider(name).body("capacityProvider.status", equalTo("ACTIVE"));
    }

    @Test
    void aProviderAServiceOrAnUnstoppedTaskUsesCannotBeTakenAway() {
        String cluster = unique("cas");
        createCluster(cluster);
        String used = newProvider();
        putClusterProviders(cluster, "{\"capacityProviders\": [\"" + used + "\"]}").statusCode(200);
        String family = unique("cpfam");
        io.longshore.controlplane.support.Api.register(io.longshore.controlplane.support.Api.simpleDefinition(family))
                .statusCode(200);
        // A task waiting on the provider (nobody places it: it stays PROVISIONING).
        io.longshore.controlplane.support.Api.runTask(cluster, """
                {"taskDefinition": "%s", "capacityProviderStrategy": [{"capacityProvider": "%s", "weight": 1}]}
                """.formatted(family, used)).statusCode(200).body("tasks[0].lastStatus", equalTo("PROVISIONING"));
        putClusterProviders(cluster, "{\"capacityProviders\": []}").statusCode(409)
                .body("__type", equalTo("ResourceInUseException"))
                .body("message", equalTo("capacityProviders: capacity provider " + used
                        + " is used by 1 task(s) that are not STOPPED"));

        String byService = unique("cas");
        createCluster(byService);
        String serviceProvider = newProvider();
        putClusterProviders(byService, "{\"capacityProviders\": [\"" + serviceProvider + "\"]}").statusCode(200);
        io.longshore.controlplane.support.Api.createService(byService, """
                {"serviceName": "web", "taskDefinition": "%s", "desiredCount": 0,
                 "capacityProviderStrategy": [{"capacityProvider": "%s", "weight": 1}]}
                """.formatted(family, serviceProvider)).statusCode(200);
        putClusterProviders(byService, "{\"capacityProviders\": []}").statusCode(409)
                .body("message", equalTo("capacityProviders: capacity provider " + serviceProvider
                        + " is used by service web's capacity provider strategy"));
        given().get("/v1/clusters/" + byService).then()
                .body("cluster.capacityProviders", equalTo(List.of(serviceProvider)));
    }
}
