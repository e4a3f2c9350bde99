package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.createCluster;
import static io.longshore.controlplane.support.Api.createService;
import static io.longshore.controlplane.support.Api.deleteService;
import static io.longshore.controlplane.support.Api.describeService;
import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.serviceArn;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.taskDefinitionArn;
import static io.longshore.controlplane.support.Api.unique;
import static io.longshore.controlplane.support.Api.updateService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CreateService, ListServices, DescribeServices, UpdateService, DeleteService, and the specs they publish. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ServiceApiTest {

    /** The specs published for one service so far, oldest first. */
    static List<ServiceSpec> specs(KafkaTestClient.Collector collector, String cluster, String service) {
        return collector.records().stream().filter(r -> MessageKeys.of(cluster, service).equals(r.key()))
                .map(r -> Json.read(r.value(), ServiceSpec.class)).toList();
    }

    /** Waits until {@code count} specs of the service were published; returns them all. */
    static List<ServiceSpec> awaitSpecs(KafkaTestClient.Collector collector, String cluster, String service,
                                        int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> specs(collector, cluster, service), list -> list.size() >= count);
    }

    static String family() {
        String family = unique("svcfam");
        register(simpleDefinition(family)).statusCode(200);
        return family;
    }

    static String replica(String name, String taskDefinition, int desiredCount) {
        return """
                {"serviceName": "%s", "taskDefinition": "%s", "desiredCount": %d}
                """.formatted(name, taskDefinition, desiredCount);
    }

    @Test
    void createDescribeListUpdateAndDeleteAService() throws Exception {
        String cluster = unique("svc");
        createCluster(cluster);
        String family = family();
        register(simpleDefinition(family)).statusCode(200); // revision 2
        String name = unique("web");
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            createService(cluster, """
                    {"serviceName": "%s", "taskDefinition": "%s:1", "desiredCount": 2,
                     "placementConstraints": [{"type": "distinctInstance"}],
                     "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
                     "deploymentConfiguration": {"minimumHealthyPercent": 50,
                        "deploymentCircuitBreaker": {"enable": true, "rollback": true}},
                     "healthCheckGracePeriodSeconds": 30}
                    """.formatted(name, family))
                    .statusCode(200)
                    .body("service.serviceArn", equalTo(serviceArn(cluster, name)))
                    .body("service.serviceName", equalTo(name))
                    .body("service.clusterArn", equalTo("arn:aws:ecs:local:000000000000:cluster/" + cluster))
                    .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 1)))
                    .body("service.desiredCount", equalTo(2))
                    .body("service.runningCount", equalTo(0))
                    .body("service.pendingCount", equalTo(0))
                    .body("service.status", equalTo("ACTIVE"))
                    .body("service.schedulingStrategy", equalTo("REPLICA"))
                    .body("service.launchType", equalTo("EC2"))
                    .body("service.placementConstraints", hasSize(1))
                    .body("service.placementConstraints[0].type", equalTo("distinctInstance"))
                    .body("service.placementStrategy[0].type", equalTo("spread"))
                    .body("service.placementStrategy[0].field", equalTo("attribute:ecs.availability-zone"))
                    .body("service.deploymentConfiguration.minimumHealthyPercent", equalTo(50))
                    .body("service.deploymentConfiguration.maximumPercent", equalTo(200))
                    .body("service.deploymentConfiguration.deploymentCircuitBreaker.enable", equalTo(true))
                    .body("service.deploymentConfiguration.deploymentCircuitBreaker.rollback", equalTo(true))
                    .body("service.healthCheckGracePeriodSeconds", equalTo(30))
                    .body("service.deployments", hasSize(1))
                    .body("service.deployments[0].id", notNullValue())
                    .body("service.deployments[0].status", equalTo("PRIMARY"))
                    .body("service.deployments[0].taskDefinition", equalTo(taskDefinitionArn(family, 1)))
                    .body("service.deployments[0].desiredCount", equalTo(2))
                    .body("service.deployments[0].runningCount", equalTo(0))
                    .body("service.deployments[0].pendingCount", equalTo(0))
                    .body("service.deployments[0].failedTasks", equalTo(0))
                    .body("service.deployments[0].rolloutState", equalTo("IN_PROGRESS"))
                    .body("service.deployments[0].createdAt", notNullValue())
                    .body("service.events", empty())
                    .body("service.createdAt", notNullValue())
                    .body("service.createdBy", nullValue());

            // The spec: the whole service, the task template from the definition, keyed cluster/name.
            ServiceSpec created = awaitSpecs(collector, cluster, name, 1).get(0);
            assertThat(created.cluster()).isEqualTo(cluster);
            assertThat(created.serviceName()).isEqualTo(name);
            assertThat(created.serviceArn()).isEqualTo(serviceArn(cluster, name));
            assertThat(created.status()).isEqualTo("ACTIVE");
            assertThat(created.schedulingStrategy()).isEqualTo("REPLICA");
            assertThat(created.desiredCount()).isEqualTo(2);
            assertThat(created.deploymentId()).matches("[0-9a-f]{16}");
            assertThat(created.placementConstraints()).containsExactly(new PlacementConstraint("distinctInstance", null));
            assertThat(created.placementStrategy()).containsExactly(
                    new PlacementStrategy("spread", "attribute:ecs.availability-zone"));
            assertThat(created.deploymentConfiguration()).isEqualTo(
                    new DeploymentConfiguration(50, 200, new DeploymentCircuitBreaker(true, true)));
            assertThat(created.healthCheckGracePeriodSeconds()).isEqualTo(30);
            assertThat(created.updatedAt()).isNotNull();
            assertThat(created.taskTemplate().taskId()).isNull();
            assertThat(created.taskTemplate().taskArn()).isNull();
            assertThat(created.taskTemplate().startedBy()).isNull();
            assertThat(created.taskTemplate().cluster()).isEqualTo(cluster);
            assertThat(created.taskTemplate().group()).isEqualTo("service:" + name);
            assertThat(created.taskTemplate().taskDefinitionArn()).isEqualTo(taskDefinitionArn(family, 1));
            assertThat(created.taskTemplate().containers()).hasSize(1);
            assertThat(created.taskTemplate().containers().get(0).command()).containsExactly("sleep", "600");
            describeService(cluster, name).body("service.deployments[0].id", equalTo(created.deploymentId()));

            // Describe by name and by ARN; list.
            describeService(cluster, serviceArn(cluster, name)).statusCode(200)
                    .body("service.serviceName", equalTo(name));
            given().get("/v1/clusters/" + cluster + "/services").then().statusCode(200)
                    .body("serviceArns", contains(serviceArn(cluster, name)));

            // A count change keeps the deployment.
            updateService(cluster, name, "{\"desiredCount\": 5}").statusCode(200)
                    .body("service.desiredCount", equalTo(5))
                    .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 1)));
            ServiceSpec scaled = awaitSpecs(collector, cluster, name, 2).get(1);
            assertThat(scaled.desiredCount()).isEqualTo(5);
            assertThat(scaled.deploymentId()).isEqualTo(created.deploymentId());

            // A new task definition (the family's latest) starts a new deployment.
            updateService(cluster, serviceArn(cluster, name), "{\"taskDefinition\": \"" + family + "\"}")
                    .statusCode(200)
                    .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 2)))
                    .body("service.desiredCount", equalTo(5));
            ServiceSpec redeployed = awaitSpecs(collector, cluster, name, 3).get(2);
            assertThat(redeployed.deploymentId()).isNotEqualTo(created.deploymentId());
            assertThat(redeployed.taskTemplate().taskDefinitionArn()).isEqualTo(taskDefinitionArn(family, 2));

            // Naming the definition it already runs changes nothing about the deployment; forcing does.
            updateService(cluster, name, "{\"taskDefinition\": \"" + family + ":2\", "
                    + "\"deploymentConfiguration\": {\"maximumPercent\": 150}}").statusCode(200)
                    .body("service.deploymentConfiguration.minimumHealthyPercent", equalTo(50))
                    .body("service.deploymentConfiguration.maximumPercent", equalTo(150))
                    .body("service.deploymentConfiguration.deploymentCircuitBreaker.enable", equalTo(true));
            ServiceSpec same = awaitSpecs(collector, cluster, name, 4).get(3);
            assertThat(same.deploymentId()).isEqualTo(redeployed.deploymentId());
            assertThat(same.deploymentConfiguration().maximumPercent()).isEqualTo(150);
            updateService(cluster, name, "{\"forceNewDeployment\": true}").statusCode(200);
            ServiceSpec forced = awaitSpecs(collector, cluster, name, 5).get(4);
            assertThat(forced.deploymentId()).isNotIn(created.deploymentId(), redeployed.deploymentId());
            assertThat(forced.taskTemplate().taskDefinitionArn()).isEqualTo(taskDefinitionArn(family, 2));

            // Constraints, strategies and the grace period are replaced; an empty list removes them.
            updateService(cluster, name, """
                    {"placementConstraints": [], "placementStrategy": [{"type": "binpack", "field": "memory"}],
                     "healthCheckGracePeriodSeconds": 0}
                    """).statusCode(200)
                    .body("service.placementConstraints", empty())
                    .body("service.placementStrategy[0].type", equalTo("binpack"))
                    .body("service.healthCheckGracePeriodSeconds", equalTo(0));
            ServiceSpec replaced = awaitSpecs(collector, cluster, name, 6).get(5);
            assertThat(replaced.placementConstraints()).isEmpty();
            assertThat(replaced.deploymentId()).isEqualTo(forced.deploymentId());

            // Delete: refused while scaled above 0, then DRAINING with nothing desired.
            deleteService(cluster, name, false).statusCode(400)
                    .header("x-amzn-ErrorType", "InvalidParameterException")
                    .body("__type", equalTo("InvalidParameterException"))
                    .body("message", equalTo("The service cannot be stopped while it is scaled above 0."));
            describeService(cluster, name).body("service.status", equalTo("ACTIVE"))
                    .body("service.desiredCount", equalTo(5));
            updateService(cluster, name, "{\"desiredCount\": 0}").statusCode(200);
            deleteService(cluster, name, false).statusCode(200)
                    .body("service.status", equalTo("DRAINING"))
                    .body("service.desiredCount", equalTo(0));
            List<ServiceSpec> all = awaitSpecs(collector, cluster, name, 8);
            ServiceSpec drained = all.get(7);
            assertThat(drained.status()).isEqualTo("DRAINING");
            assertThat(drained.desiredCount()).isZero();
            assertThat(drained.deploymentId()).isEqualTo(forced.deploymentId());
            // Still listed while draining; no longer updatable; deleting again changes nothing.
            given().get("/v1/clusters/" + cluster + "/services").then()
                    .body("serviceArns", contains(serviceArn(cluster, name)));
            updateService(cluster, name, "{\"desiredCount\": 1}").statusCode(400)
                    .header("x-amzn-ErrorType", "ServiceNotActiveException")
                    .body("__type", equalTo("ServiceNotActiveException"))
                    .body("message", equalTo("service: service " + name
                            + " is DRAINING; only an ACTIVE service can be updated"));
            deleteService(cluster, name, true).statusCode(200).body("service.status", equalTo("DRAINING"));
            // Its name is taken until it is INACTIVE.
            createService(cluster, replica(name, family, 1)).statusCode(400)
                    .body("__type", equalTo("InvalidParameterException"))
                    .body("message", equalTo("Creation of service was not idempotent."));
            // Eight specs in all: nothing was published for the refusals.
            given().contentType(ContentType.JSON).get("/v1/clusters/" + cluster + "/services/" + name).then()
                    .body("service.desiredCount", equalTo(0));
            assertThat(specs(collector, cluster, name)).hasSize(8);
        }
    }

    @Test
    void forceDeletesAServiceThatIsStillScaledUp() throws Exception {
        String family = family();
        String name = unique("forced");
        createService("default", replica(name, family, 3)).statusCode(200);
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            deleteService("default", name, false).statusCode(400);
            given().queryParam("force", "maybe").delete("/v1/clusters/default/services/" + name).then()
                    .statusCode(400).body("message", equalTo("force: must be true or false"));
            deleteService("default", serviceArn("default", name), true).statusCode(200)
                    .body("service.status", equalTo("DRAINING"))
                    .body("service.desiredCount", equalTo(0));
            List<ServiceSpec> specs = awaitSpecs(collector, "default", name, 2);
            assertThat(specs).extracting(ServiceSpec::status).containsExactly("ACTIVE", "DRAINING");
            assertThat(specs.get(1).deploymentId()).isEqualTo(specs.get(0).deploymentId());
        }
    }

    @Test
    void aDaemonServiceHasNoCountAndNoStrategies() throws Exception {
        String family = family();
        String name = unique("daemon");
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            createService("default", """
                    {"serviceName": "%s", "taskDefinition": "%s", "schedulingStrategy": "DAEMON",
                     "placementConstraints": [{"type": "memberOf", "expression": "attribute:role == edge"}]}
                    """.formatted(name, family)).statusCode(200)
                    .body("service.schedulingStrategy", equalTo("DAEMON"))
                    .body("service.desiredCount", equalTo(0))
                    .body("service.placementStrategy", empty())
                    .body("service.deploymentConfiguration.minimumHealthyPercent", equalTo(0))
                    .body("service.deploymentConfiguration.maximumPercent", equalTo(100))
                    .body("service.deploymentConfiguration.deploymentCircuitBreaker.enable", equalTo(false));
            ServiceSpec spec = awaitSpecs(collector, "default", name, 1).get(0);
            assertThat(spec.schedulingStrategy()).isEqualTo("DAEMON");
            assertThat(spec.placementConstraints()).containsExactly(
                    new PlacementConstraint("memberOf", "attribute:role == edge"));

            updateService("default", name, "{\"desiredCount\": 2}").statusCode(400)
                    .body("message", startsWith("desiredCount: must be absent for the DAEMON scheduling strategy"));
            updateService("default", name, "{\"placementStrategy\": [{\"type\": \"random\"}]}").statusCode(400)
                    .body("message", equalTo("placementStrategy: is not supported with the DAEMON scheduling strategy"));
            given().queryParam("schedulingStrategy", "DAEMON").get("/v1/clusters/default/services").then()
                    .body("serviceArns", hasItem(serviceArn("default", name)));
            given().queryParam("schedulingStrategy", "REPLICA").get("/v1/clusters/default/services").then()
                    .body("serviceArns", not(hasItem(serviceArn("default", name))));
            given().queryParam("schedulingStrategy", "BATCH").get("/v1/clusters/default/services").then()
                    .statusCode(400).body("message", equalTo("schedulingStrategy: must be REPLICA or DAEMON"));
            // A daemon has no count of its own to scale down: it may be deleted as it is.
            deleteService("default", name, false).statusCode(200).body("service.status", equalTo("DRAINING"));
            assertThat(awaitSpecs(collector, "default", name, 2).get(1).status()).isEqualTo("DRAINING");
        }
    }

    /** Every CreateService rule: a 400 naming the field and the rule, and no service created. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "'serviceName': 'web app' | serviceName: must be 1 to 255 letters, digits, hyphens or underscores",
            "'serviceName': null | serviceName: is required",
            "'taskDefinition': null | taskDefinition: is required",
            "'taskDefinition': 'web:0' | taskDefinition: must be a family, family:revision or a task definition ARN",
            "'desiredCount': null | desiredCount: is required for the REPLICA scheduling strategy",
            "'desiredCount': -1 | desiredCount: must be at least 0",
            "'desiredCount': 'two' | desiredCount: must be an integer",
            "'schedulingStrategy': 'BATCH' | schedulingStrategy: must be REPLICA or DAEMON",
            "'schedulingStrategy': 'DAEMON' | desiredCount: must be absent for the DAEMON scheduling strategy",
            "'schedulingStrategy': 'DAEMON', 'desiredCount': null, 'placementStrategy': [{'type': 'random'}] | placementStrategy: is not supported with the DAEMON scheduling strategy",
            "'placementConstraints': [{'type': 'memberOf'}] | placementConstraints[0].expression: is required for memberOf",
            "'placementConstraints': [{'type': 'memberOf', 'expression': 'attribute:stack prod'}] | placementConstraints[0].expression: unexpected 'prod' at position 17: expected an operator",
            "'placementConstraints': [{'type': 'sameHost'}] | placementConstraints[0].type: must be distinctInstance or memberOf",
            "'placementConstraints': 'none' | placementConstraints: must be an array",
            "'placementStrategy': [{'type': 'binpack', 'field': 'disk'}] | placementStrategy[0].field: must be cpu or memory for binpack",
            "'placementStrategy': [{'type': 'spread'}] | placementStrategy[0].field: is required for spread",
            "'placementStrategy': [{'type': 'fancy'}] | placementStrategy[0].type: must be binpack, spread or random",
            "'placementStrategy': [{'type': 'random'}, {'type': 'random'}, {'type': 'random'}, {'type': 'random'}, {'type': 'random'}, {'type': 'random'}] | placementStrategy: at most 5 strategies are allowed",
            "'deploymentConfiguration': {'minimumHealthyPercent': 101} | deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100",
            "'deploymentConfiguration': {'minimumHealthyPercent': -1} | deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100",
            "'deploymentConfiguration': {'maximumPercent': 99} | deploymentConfiguration.maximumPercent: must be between 100 and 200",
            "'deploymentConfiguration': {'maximumPercent': 201} | deploymentConfiguration.maximumPercent: must be between 100 and 200",
            "'deploymentConfiguration': {'deploymentCircuitBreaker': {'enable': 'yes'}} | deploymentConfiguration.deploymentCircuitBreaker.enable: must be a boolean",
            "'healthCheckGracePeriodSeconds': -1 | healthCheckGracePeriodSeconds: must be between 0 and 2147483647",
            "'healthCheckGracePeriodSeconds': 2147483648 | healthCheckGracePeriodSeconds: must be between 0 and 2147483647",
    })
    void badCreateRequestsAreRefusedAndCreateNothing(String member, String message) {
        String family = family();
        String name = unique("bad");
        String body = "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family + "\", \"desiredCount\": 1, "
                + member.replace('\'', '"') + "}";
        createService("default", body).statusCode(400)
                .header("x-amzn-ErrorType", "InvalidParameterException")
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", startsWith(message));
        describeService("default", name).statusCode(404);
        given().get("/v1/clusters/default/services").then()
                .body("serviceArns", not(hasItem(serviceArn("default", name))));
    }

    @Test
    void atMostTenConstraintsTogetherWithTheTaskDefinitions() {
        String family = unique("crowded");
        register(RunTaskApiTest.definitionWithConstraints(family, 4)).statusCode(200);
        String name = unique("crowded");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1, \"placementConstraints\": " + RunTaskApiTest.requestConstraints(7) + "}")
                .statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", equalTo(
                        "placementConstraints: at most 10 constraints in total with the task definition's (4)"));
        describeService("default", name).statusCode(404);
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1, \"placementConstraints\": " + RunTaskApiTest.requestConstraints(6) + "}")
                .statusCode(200)
                .body("service.placementConstraints", hasSize(6));
        // An update is held to the same total.
        updateService("default", name, "{\"placementConstraints\": " + RunTaskApiTest.requestConstraints(7) + "}")
                .statusCode(400)
                .body("message", equalTo(
                        "placementConstraints: at most 10 constraints in total with the task definition's (4)"));
        describeService("default", name).body("service.placementConstraints", hasSize(6));
    }

    /** Every UpdateService rule: a 400 naming the field and the rule, and the service as it was. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "'desiredCount': -1 | desiredCount: must be at least 0",
            "'desiredCount': 1.5 | desiredCount: must be an integer",
            "'taskDefinition': 'web:x' | taskDefinition: must be a family, family:revision or a task definition ARN",
            "'forceNewDeployment': 'maybe' | forceNewDeployment: must be a boolean",
            "'placementConstraints': [{'type': 'memberOf', 'expression': ''}] | placementConstraints[0].expression: is required for memberOf",
            "'placementConstraints': [{'type': 'memberOf', 'expression': 'attribute:a == b and'}] | placementConstraints[0].expression: unexpected end of expression at position 21",
            "'placementStrategy': [{'type': 'fancy'}] | placementStrategy[0].type: must be binpack, spread or random",
            "'deploymentConfiguration': {'maximumPercent': 250} | deploymentConfiguration.maximumPercent: must be between 100 and 200",
            "'deploymentConfiguration': {'minimumHealthyPercent': 120} | deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100",
            "'healthCheckGracePeriodSeconds': -5 | healthCheckGracePeriodSeconds: must be between 0 and 2147483647",
    })
    void badUpdateRequestsAreRefusedAndChangeNothing(String member, String message) {
        String family = family();
        String name = unique("badupd");
        createService("default", replica(name, family, 2)).statusCode(200);
        String before = describeService("default", name).extract().asString();
        updateService("default", name, "{" + member.replace('\'', '"') + "}").statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", startsWith(message));
        assertThat(describeService("default", name).extract().asString()).isEqualTo(before);
    }

    @Test
    void refusedUpdatesPublishNothing() throws Exception {
        String family = family();
        String name = unique("quiet");
        try (KafkaTestClient.Collector collector = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            createService("default", replica(name, family, 2)).statusCode(200);
            updateService("default", name, "{\"desiredCount\": -1}").statusCode(400);
            updateService("default", name, "{\"taskDefinition\": \"" + family + ":9\"}").statusCode(400);
            updateService("default", name, "{\"desiredCount\": ").statusCode(400);
            deleteService("default", name, false).statusCode(400);
            updateService("default", name, "{\"desiredCount\": 3}").statusCode(200);
            // Specs of one service are in order on one partition: had a refusal published, it came before this.
            List<ServiceSpec> specs = awaitSpecs(collector, "default", name, 2);
            assertThat(specs).extracting(ServiceSpec::desiredCount).containsExactly(2, 3);
        }
    }

    @Test
    void unknownClustersServicesAndTaskDefinitions() {
        String family = family();
        String name = unique("refs");
        createService("ghost", replica(name, family, 1)).statusCode(404)
                .header("x-amzn-ErrorType", "ClusterNotFoundException")
                .body("__type", equalTo("ClusterNotFoundException"))
                .body("message", equalTo("cluster: cluster ghost not found"));
        createService("default", replica(name, family + ":7", 1)).statusCode(400)
                .body("__type", equalTo("ClientException"))
                .body("message", equalTo("taskDefinition: unable to find task definition " + family + ":7"));
        createService("default", "{\"serviceName\": ").statusCode(400)
                .body("message", startsWith("malformed JSON: "));
        createService("default", "").statusCode(400).body("message", startsWith("malformed JSON: "));
        describeService("default", name).statusCode(404);

        given().get("/v1/clusters/ghost/services").then().statusCode(404)
                .body("__type", equalTo("ClusterNotFoundException"));
        describeService("ghost", name).statusCode(404).body("__type", equalTo("ClusterNotFoundException"));
        describeService("default", name).statusCode(404)
                .header("x-amzn-ErrorType", "ServiceNotFoundException")
                .body("__type", equalTo("ServiceNotFoundException"))
                .body("message", equalTo("service: service " + name + " not found in cluster default"));
        updateService("default", name, "{\"desiredCount\": 1}").statusCode(404)
                .body("__type", equalTo("ServiceNotFoundException"));
        deleteService("default", serviceArn("default", name), true).statusCode(404)
                .body("__type", equalTo("ServiceNotFoundException"));

        // An INACTIVE (deregistered) revision: no new service from it, and no update to it.
        register(simpleDefinition(family)).statusCode(200); // revision 2
        given().delete("/v1/task-definitions/" + family + ":1").then().statusCode(200);
        createService("default", replica(name, family + ":1", 1)).statusCode(400)
                .body("__type", equalTo("ClientException"))
                .body("message", equalTo("taskDefinition: task definition " + family + ":1 is INACTIVE"));
        createService("default", replica(name, family, 1)).statusCode(200)
                .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 2)));
        updateService("default", name, "{\"taskDefinition\": \"" + family + ":1\"}").statusCode(400)
                .body("message", equalTo("taskDefinition: task definition " + family + ":1 is INACTIVE"));
        updateService("default", name, "{\"taskDefinition\": \"" + family + ":3\"}").statusCode(400)
                .body("message", equalTo("taskDefinition: unable to find task definition " + family + ":3"));
        describeService("default", name).body("service.taskDefinition", equalTo(taskDefinitionArn(family, 2)));
    }

    @Test
    void aServiceThatRunsAnInactiveRevisionCanStillBeScaledAndDeleted() {
        String family = family();
        String name = unique("old");
        createService("default", replica(name, family + ":1", 2)).statusCode(200);
        given().delete("/v1/task-definitions/" + family + ":1").then().statusCode(200);
        updateService("default", name, "{\"desiredCount\": 0}").statusCode(200)
                .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 1)));
        deleteService("default", name, false).statusCode(200).body("service.status", equalTo("DRAINING"));
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneService() {
        String family = family();
        String name = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> createService("default",
                            replica(name, family, 1)).extract().statusCode(), pool))
                    .toList();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).containsOnly(200, 400);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        describeService("default", name).statusCode(200).body("service.status", equalTo("ACTIVE"));
    }

    @Test
    void aClusterWithServicesCannotBeDeleted() {
        String cluster = unique("svcbusy");
        createCluster(cluster);
        String name = unique("web");
        createService(cluster, replica(name, family(), 0)).statusCode(200);
        given().delete("/v1/clusters/" + cluster).then().statusCode(409)
                .body("__type", equalTo("ClusterContainsServicesException"))
                .body("message", equalTo("cluster: cluster " + cluster
                        + " cannot be deleted while it has 1 active or draining services"));
        given().get("/v1/clusters/" + cluster).then().body("cluster.status", equalTo("ACTIVE"));
    }

    @Test
    void servicesAreListedOldestFirstPerCluster() {
        String cluster = unique("svclist");
        createCluster(cluster);
        String family = family();
        List<String> names = IntStream.range(0, 3).mapToObj(i -> unique("s" + i)).toList();
        names.forEach(n -> createService(cluster, replica(n, family, 1)).statusCode(200));
        given().get("/v1/clusters/" + cluster + "/services").then().statusCode(200)
                .body("serviceArns", equalTo(names.stream().map(n -> serviceArn(cluster, n))
                        .collect(Collectors.toList())));
        given().get("/v1/clusters/default/services").then()
                .body("serviceArns", not(hasItem(serviceArn(cluster, names.get(0)))));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/clusters/{cluster}/services'.post", notNullValue());
    }
}
