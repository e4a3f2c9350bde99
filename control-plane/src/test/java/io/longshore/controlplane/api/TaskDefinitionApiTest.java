package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TaskDefinitionApiTest {

    @Test
    void revisionsIncrementPerFamilyAndDescribeFindsThem() {
        String family = unique("web");
        register(simpleDefinition(family)).statusCode(200)
                .body("taskDefinition.family", equalTo(family))
                .body("taskDefinition.revision", equalTo(1))
                .body("taskDefinition.status", equalTo("ACTIVE"))
                .body("taskDefinition.networkMode", equalTo("bridge"))
                .body("taskDefinition.taskDefinitionArn",
                        equalTo("arn:aws:ecs:local:000000000000:task-definition/" + family + ":1"))
                .body("taskDefinition.containerDefinitions[0].name", equalTo("web"))
                .body("taskDefinition.containerDefinitions[0].portMappings[0].containerPort", equalTo(80))
                .body("taskDefinition.registeredAt", notNullValue());
        register(simpleDefinition(family)).statusCode(200)
                .body("taskDefinition.revision", equalTo(2))
                .body("taskDefinition.taskDefinitionArn", endsWith(family + ":2"));

        given().get("/v1/task-definitions/" + family).then().statusCode(200)
                .body("taskDefinition.revision", equalTo(2));
        given().get("/v1/task-definitions/" + family + ":1").then().statusCode(200)
                .body("taskDefinition.revision", equalTo(1));
        given().queryParam("familyPrefix", family).get("/v1/task-definitions").then().statusCode(200)
                .body("taskDefinitionArns", contains(endsWith(family + ":1"), endsWith(family + ":2")));
    }

    @Test
    void placementConstraintsAreStoredAndReturned() {
        String family = unique("pinned");
        String body = """
                {"family": "%s",
                 "containerDefinitions": [{"name": "web", "image": "longshore/busybox:latest", "memory": 64}],
                 "placementConstraints": [
                   {"type": "memberOf", "expression": "attribute:ecs.os-type == linux"},
                   {"type": "memberOf", "expression": "attribute:ecs.availability-zone in [az-a, az-b]"}]}
                """.formatted(family);
        register(body).statusCode(200)
                .body("taskDefinition.placementConstraints.type", contains("memberOf", "memberOf"))
                .body("taskDefinition.placementConstraints[0].expression", equalTo("attribute:ecs.os-type == linux"));
        // Read back from the store.
        given().get("/v1/task-definitions/" + family + ":1").then().statusCode(200)
                .body("taskDefinition.placementConstraints.expression", contains("attribute:ecs.os-type == linux",
                        "attribute:ecs.availability-zone in [az-a, az-b]"));
        // A definition without any has an empty list.
        String plain = unique("plain");
        register(simpleDefinition(plain)).statusCode(200).body("taskDefinition.placementConstraints", empty());
        given().get("/v1/task-definitions/" + plain).then().body("taskDefinition.placementConstraints", empty());
    }

    @Test
    void deregisteringMakesARevisionInactive() {
        String family = unique("dereg");
        register(simpleDefinition(family)).statusCode(200);
        register(simpleDefinition(family)).statusCode(200);

        given().delete("/v1/task-definitions/" + family + ":2").then().statusCode(200)
                .body("taskDefinition.status", equalTo("INACTIVE"))
                .body("taskDefinition.deregisteredAt", notNullValue());
        // The latest ACTIVE revision is now 1; revision 2 can still be described.
        given().get("/v1/task-definitions/" + family).then().statusCode(200)
                .body("taskDefinition.revision", equalTo(1));
        given().get("/v1/task-definitions/" + family + ":2").then().statusCode(200)
                .body("taskDefinition.status", equalTo("INACTIVE"));
        given().queryParam("familyPrefix", family).get("/v1/task-definitions").then()
                .body("taskDefinitionArns", contains(endsWith(family + ":1")));
        given().queryParam("familyPrefix", family).queryParam("status", "INACTIVE").get("/v1/task-definitions").then()
                .body("taskDefinitionArns", contains(endsWith(family + ":2")));
        // A revision must be named to deregister.
        given().delete("/v1/task-definitions/" + family).then().statusCode(400)
                .body("message", equalTo("taskDefinition: must name a revision (family:revision)"));
    }

    @Test
    void taskLevelCpuAndMemoryAcceptNumbersStringsAndUnits() {
        String family = unique("units");
        register("""
                {"family": "%s", "cpu": "1 vCPU", "memory": 512, "networkMode": "host",
                 "containerDefinitions": [{"name": "a", "image": "busybox",
                   "portMappings": [{"containerPort": 8080}]}]}
                """.formatted(family)).statusCode(200)
                .body("taskDefinition.cpu", equalTo("1024"))
                .body("taskDefinition.memory", equalTo("512"))
                .body("taskDefinition.networkMode", equalTo("host"));
        register("""
                {"family": "%s", "cpu": "256", "memory": "1 GB",
                 "containerDefinitions": [{"name": "a", "image": "busybox"}]}
                """.formatted(family)).statusCode(200)
                .body("taskDefinition.cpu", equalTo("256"))
                .body("taskDefinition.memory", equalTo("1024"));
    }

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveRevisions() throws Exception {
        String family = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> register(simpleDefinition(family))
                            .statusCode(200).extract().<Integer>path("taskDefinition.revision"), pool))
                    .toList();
            List<Integer> revisions = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(revisions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownDefinitionsAre404() {
        given().get("/v1/task-definitions/nothing-here").then().statusCode(404)
                .body("__type", equalTo("ClientException"))
                .body("message", equalTo("taskDefinition: unable to find task definition nothing-here"));
        given().get("/v1/task-definitions/nothing-here:3").then().statusCode(404);
        given().delete("/v1/task-definitions/nothing-here:3").then().statusCode(404);
        given().get("/v1/task-definitions/bad%20name").then().statusCode(400)
                .body("message", startsWith("taskDefinition: must be a family"));
    }

    /** Every rule: a 400 naming the field and the rule, and nothing registered. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'containerDefinitions':[{'name':'a','memory':64}]} | containerDefinitions[0].image: is required",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64},{'name':'b','image':'x','memory':5}]} | containerDefinitions[1].memory: must be at least 6 MiB",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'portMappings':[{'containerPort':80,'hostPort':70000}]}]} | containerDefinitions[0].portMappings[0].hostPort: must be between 0 and 65535",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'portMappings':[{'containerPort':0}]}]} | containerDefinitions[0].portMappings[0].containerPort: must be between 1 and 65535",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'portMappings':[{'containerPort':80,'protocol':'sctp'}]}]} | containerDefinitions[0].portMappings[0].protocol: must be tcp or udp",
            "{'networkMode':'host','containerDefinitions':[{'name':'a','image':'x','memory':64,'portMappings':[{'containerPort':80,'hostPort':81}]}]} | containerDefinitions[0].portMappings[0].hostPort: must be absent or equal to containerPort when networkMode is host",
            "{'containerDefinitions':[{'name':'web','image':'x','memory':64},{'name':'web','image':'y','memory':64}]} | containerDefinitions: container names must be unique (web)",
            "{'containerDefinitions':[{'name':'a','image':'x'}]} | containerDefinitions[0].memory: is required when neither memoryReservation nor the task memory is set",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'memoryReservation':128}]} | containerDefinitions[0].memoryReservation: must not exceed memory (64 MiB)",
            "{'networkMode':'overlay','containerDefinitions':[{'name':'a','image':'x','memory':64}]} | networkMode: must be bridge, host or none",
            "{'containerDefinitions':[]} | containerDefinitions: at least one container definition is required",
            "{'containerDefinitions':[{'name':'a b','image':'x','memory':64}]} | containerDefinitions[0].name: must be 1 to 255 letters, digits, hyphens or underscores",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':'lots'}]} | containerDefinitions[0].memory: must be an integer",
            "{'cpu':'fast','containerDefinitions':[{'name':'a','image':'x','memory':64}]} | cpu: must be a whole number of CPU units",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'essential':false}]} | containerDefinitions: at least one container must be essential",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64}],'placementConstraints':[{'type':'memberOf','expression':'attribute:a foo b'}]} | placementConstraints[0].expression: unexpected 'foo' at position 13: expected an operator",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64}],'placementConstraints':[{'type':'distinctInstance'}]} | placementConstraints[0].type: must be memberOf in a task definition",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'interval':30}}]} | containerDefinitions[0].healthCheck.command: is required",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':['curl','localhost']}}]} | containerDefinitions[0].healthCheck.command: must start with CMD, CMD-SHELL or NONE",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':['CMD-SHELL']}}]} | containerDefinitions[0].healthCheck.command: must name what to run after CMD-SHELL",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':['CMD','true'],'interval':1}}]} | containerDefinitions[0].healthCheck.interval: must be between 5 and 300 seconds",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':['CMD','true'],'timeout':61}}]} | containerDefinitions[0].healthCheck.timeout: must be between 2 and 60 seconds",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':['CMD','true'],'retries':11}}]} | containerDefinitions[0].healthCheck.retries: must be between 1 and 10",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':['CMD','true'],'startPeriod':301}}]} | containerDefinitions[0].healthCheck.startPeriod: must be between 0 and 300 seconds",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64,'healthCheck':{'command':'CMD true'}}]} | containerDefinitions[0].healthCheck.command: must be an array",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64}],'placementConstraints':[{'type':'memberOf'}]} | placementConstraints[0].expression: is required for memberOf",
            "{'containerDefinitions':[{'name':'a','image':'x','memory':64}],'placementConstraints':[{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'},{'type':'memberOf','expression':'attribute:a == b'}]} | placementConstraints: at most 10 constraints are allowed",
    })
    void badDefinitionsAreRefusedAndNothingIsPersisted(String body, String message) {
        String family = unique("bad");
        String json = body.replace('\'', '"').replaceFirst("\\{", "{\"family\":\"" + family + "\",");
        register(json).statusCode(400)
                .body("__type", anyOf(equalTo("ClientException"), equalTo("InvalidParameterException")))
                .body("message", startsWith(message));
        given().queryParam("familyPrefix", family).queryParam("status", "ALL").get("/v1/task-definitions").then()
                .statusCode(200).body("taskDefinitionArns", empty());
    }

    @Test
    void healthChecksAreStoredAndReturned() {
        String family = unique("healthy");
        register("""
                {"family": "%s",
                 "containerDefinitions": [{"name": "web", "image": "longshore/busybox:latest", "memory": 64,
                   "healthCheck": {"command": ["CMD-SHELL", "wget -q -O- localhost || exit 1"],
                                   "interval": 10, "timeout": 3, "retries": 2, "startPeriod": 5}},
                   {"name": "side", "image": "longshore/busybox:latest", "memory": 32,
                   "healthCheck": {"command": ["CMD", "/bin/true"]}}]}
                """.formatted(family)).statusCode(200)
                .body("taskDefinition.containerDefinitions[0].healthCheck.command",
                        contains("CMD-SHELL", "wget -q -O- localhost || exit 1"))
                .body("taskDefinition.containerDefinitions[0].healthCheck.interval", equalTo(10));
        given().get("/v1/task-definitions/" + family + ":1").then().statusCode(200)
                .body("taskDefinition.containerDefinitions[0].healthCheck.command",
                        contains("CMD-SHELL", "wget -q -O- localhost || exit 1"))
                .body("taskDefinition.containerDefinitions[0].healthCheck.interval", equalTo(10))
                .body("taskDefinition.containerDefinitions[0].healthCheck.timeout", equalTo(3))
                .body("taskDefinition.containerDefinitions[0].healthCheck.retries", equalTo(2))
                .body("taskDefinition.containerDefinitions[0].healthCheck.startPeriod", equalTo(5))
                // Unset timings stay unset (Docker's and ECS's defaults apply where the check runs).
                .body("taskDefinition.containerDefinitions[1].healthCheck.command", contains("CMD", "/bin/true"))
                .body("taskDefinition.containerDefinitions[1].healthCheck.interval", nullValue());
        // Without one, there is none.
        String plain = unique("plain");
        register(simpleDefinition(plain)).statusCode(200)
                .body("taskDefinition.containerDefinitions[0].healthCheck", nullValue());
    }

    @Test
    void malformedJsonAndAMissingFamily() {
        register("{\"family\": ").statusCode(400)
                .body("message", startsWith("malformed JSON: "));
        register("[1,2]").statusCode(400)
                .body("message", startsWith("malformed JSON: "));
        register("{\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"x\",\"memory\":64}]}").statusCode(400)
                .body("message", equalTo("family: is required"));
    }
}
