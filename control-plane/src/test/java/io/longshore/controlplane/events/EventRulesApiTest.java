package io.longshore.controlplane.events;

import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.longshore.common.events.BusEvent;
import io.longshore.common.events.EventDeadLetter;
import io.longshore.common.messaging.ImageActionEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.support.FakeScheduler;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Event buses, PutEvents, rules, targets and deliveries through the API, with a real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class EventRulesApiTest {

    static ValidatableResponse putEvents(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/events").then();
    }

    static ValidatableResponse putRule(String bus, String rule, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/v1/event-buses/" + bus + "/rules/" + rule).then();
    }

    static ValidatableResponse putTargets(String bus, String rule, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/v1/event-buses/" + bus + "/rules/" + rule + "/targets").then();
    }

    static ValidatableResponse testPattern(String pattern, String event) {
        return given().contentType(ContentType.JSON)
                .body("{\"EventPattern\": " + pattern + ", \"Event\": " + event + "}")
                .post("/v1/test-event-pattern").then();
    }

    /** A demo-style upload event on the default bus. */
    static String upload(String source, String key) {
        return """
                {"Entries": [{"Source": "%s", "DetailType": "Object Created",
                  "Detail": "{\\"bucket\\": {\\"name\\": \\"uploads\\"}, \\"object\\": {\\"key\\": \\"%s\\", \\"size\\": 1024}}"}]}
                """.formatted(source, key);
    }

    /** A target running the family's task with BUCKET and KEY from the event in its environment. */
    static String target(String id, String family, String retryPolicy) {
        return """
                {"Targets": [{"Id": "%s", "Arn": "arn:aws:ecs:local:000000000000:cluster/default",
                  "EcsParameters": {"TaskDefinitionArn": "%s", "TaskCount": 1},
                  %s
                  "InputTransformer": {
                    "InputPathsMap": {"bucket": "$.detail.bucket.name", "key": "$.detail.object.key"},
                    "InputTemplate": "{\\"containerOverrides\\": [{\\"name\\": \\"web\\", \\"environment\\": [{\\"name\\": \\"BUCKET\\", \\"value\\": <bucket>}, {\\"name\\": \\"KEY\\", \\"value\\": <key>}]}]}"}}]}
                """.formatted(id, family, retryPolicy == null ? "" : "\"RetryPolicy\": " + retryPolicy + ",");
    }

    static TaskStateChange stopped(TaskSpec spec, int exitCode) {
        Instant now = Instant.now();
        return new TaskStateChange(spec.cluster(), spec.taskId(), TaskStatus.STOPPED,
                new Allocation("i-1", 128, 128, List.of()),
                List.of(new ContainerState("web", "longshore/busybox:latest", "c1", TaskStatus.STOPPED, exitCode,
                        exitCode == 0 ? null : "Error", List.of())),
                StopCode.EssentialContainerExited, "Essential container in task exited", now, now, now, now,
                "agent/i-1");
    }

    @Test
    void busesAreCreatedListedAndDeletedAndTheDefaultBusStays() {
        String bus = unique("orders");
        given().contentType(ContentType.JSON).body("{\"Name\": \"" + bus + "\"}").post("/v1/event-buses").then()
                .statusCode(200)
                .body("Name", equalTo(bus))
                .body("Arn", equalTo("arn:aws:events:local:000000000000:event-bus/" + bus));
        given().contentType(ContentType.JSON).body("{\"Name\": \"" + bus + "\"}").post("/v1/event-buses").then()
                .statusCode(409).body("__type", equalTo("ResourceAlreadyExistsException"));
        given().contentType(ContentType.JSON).body("{\"Name\": \"no spaces\"}").post("/v1/event-buses").then()
                .statusCode(400).body("message", containsString("Name: must be 1 to 256 letters"));
        given().queryParam("namePrefix", bus).get("/v1/event-buses").then()
                .statusCode(200).body("EventBuses.Name", equalTo(List.of(bus)));
        given().get("/v1/event-buses").then().body("EventBuses.Name", hasItem("default"));

        putRule(bus, "r1", "{\"EventPattern\": {\"source\": [\"shop\"]}}").statusCode(200)
                .body("RuleArn", equalTo("arn:aws:events:local:000000000000:rule/" + bus + "/r1"));
        given().delete("/v1/event-buses/" + bus).then().statusCode(409).body("message", containsString("1 rule"));
        given().delete("/v1/event-buses/" + bus + "/rules/r1").then().statusCode(204);
        given().delete("/v1/event-buses/" + bus).then().statusCode(204);
        given().get("/v1/event-buses/" + bus).then().statusCode(404);
        given().delete("/v1/event-buses/default").then().statusCode(400)
                .body("message", containsString("default event bus cannot be deleted"));
    }

    @Test
    void putEventsAnswersEachEntryAndPublishesTheAcceptedOnesInTheEventBridgeEnvelope() {
        String source = unique("shop");
        var response = putEvents("""
                {"Entries": [
                  {"Source": "%1$s", "DetailType": "Order Placed", "Detail": "{\\"total\\": 42}", "Resources": ["r:1"]},
                  {"Source": "%1$s", "DetailType": "Order Placed", "Detail": "not json"},
                  {"DetailType": "x", "Detail": "{}"},
                  {"Source": "aws.ecs", "DetailType": "x", "Detail": "{}"},
                  {"Source": "%1$s", "DetailType": "x", "Detail": "{}", "EventBusName": "nowhere"}]}
                """.formatted(source))
                .statusCode(200)
                .body("FailedEntryCount", equalTo(4))
                .body("Entries[0].EventId", matchesPattern("[0-9a-f-]{36}"))
                .body("Entries[0].ErrorCode", nullValue())
                .body("Entries[1].ErrorCode", equalTo("MalformedDetail"))
                .body("Entries[2].ErrorCode", equalTo("InvalidArgument"))
                .body("Entries[2].ErrorMessage", containsString("Source"))
                .body("Entries[3].ErrorCode", equalTo("NotAuthorizedForSourceException"))
                .body("Entries[4].ErrorCode", equalTo("ResourceNotFoundException"))
                .extract();
        String id = response.path("Entries[0].EventId");
        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.EVENTS, r -> r.value().contains(id));
        assertThat(record.key()).isEqualTo("default/" + id);
        var envelope = Json.MAPPER.valueToTree(Json.read(record.value(), BusEvent.class).event());
        assertThat(envelope.get("version").asText()).isEqualTo("0");
        assertThat(envelope.get("detail-type").asText()).isEqualTo("Order Placed");
        assertThat(envelope.get("source").asText()).isEqualTo(source);
        assertThat(envelope.get("account").asText()).isEqualTo("000000000000");
        assertThat(envelope.get("region").asText()).isEqualTo("local");
        assertThat(envelope.get("resources").get(0).asText()).isEqualTo("r:1");
        assertThat(envelope.get("detail").get("total").asInt()).isEqualTo(42);

        putEvents("{\"Entries\": []}").statusCode(400).body("message", containsString("Entries: must have 1 to 10"));
        String eleven = String.join(",", java.util.Collections.nCopies(11,
                "{\"Source\": \"s\", \"DetailType\": \"d\", \"Detail\": \"{}\"}"));
        putEvents("{\"Entries\": [" + eleven + "]}").statusCode(400);
    }

    @Test
    void rulesAreValidatedListedByPrefixEnabledAndDisabled() {
        String prefix = unique("rule");
        putRule("default", prefix + "-a", "{\"EventPattern\": \"{\\\"source\\\": [\\\"a\\\"]}\", \"Description\": \"d\"}")
                .statusCode(200);
        putRule("default", prefix + "-b", "{\"ScheduleExpression\": \"rate(5 minutes)\", \"State\": \"DISABLED\"}")
                .statusCode(200);
        given().queryParam("namePrefix", prefix).get("/v1/event-buses/default/rules").then().statusCode(200)
                .body("Rules.Name", equalTo(List.of(prefix + "-a", prefix + "-b")))
                .body("Rules[0].EventPattern", equalTo("{\"source\": [\"a\"]}"))
                .body("Rules[0].State", equalTo("ENABLED"))
                .body("Rules[1].ScheduleExpression", equalTo("rate(5 minutes)"))
                .body("Rules[1].State", equalTo("DISABLED"));
        given().post("/v1/event-buses/default/rules/" + prefix + "-b/enable").then().statusCode(200)
                .body("State", equalTo("ENABLED"));
        given().post("/v1/event-buses/default/rules/" + prefix + "-a/disable").then().statusCode(200)
                .body("State", equalTo("DISABLED"));

        putRule("default", prefix + "-bad", "{\"EventPattern\": {\"source\": \"not-an-array\"}}").statusCode(400)
                .body("__type", equalTo("InvalidEventPatternException"))
                .body("message", containsString("EventPattern: "));
        putRule("default", prefix + "-both", "{\"EventPattern\": {\"source\": [\"a\"]}, \"ScheduleExpression\": \"rate(1 minute)\"}")
                .statusCode(400).body("message", containsString("exactly one of EventPattern and ScheduleExpression"));
        putRule("default", prefix + "-rate", "{\"ScheduleExpression\": \"rate(1 minutes)\"}").statusCode(400)
                .body("message", containsString("ScheduleExpression: "));
        putRule("default", prefix + "-cron", "{\"ScheduleExpression\": \"cron(0 12 * * * *)\"}").statusCode(400)
                .body("message", containsString("ScheduleExpression: "));
        putRule("default", prefix + "-tz", "{\"ScheduleExpression\": \"cron(0 12 * * ? *)\", \"ScheduleExpressionTimezone\": \"Mars/Base\"}")
                .statusCode(400).body("message", containsString("ScheduleExpressionTimezone: "));
        putRule("default", prefix + "-state", "{\"EventPattern\": {\"source\": [\"a\"]}, \"State\": \"ON\"}")
                .statusCode(400).body("message", containsString("State: must be ENABLED or DISABLED"));
        putRule("default", "bad name!", "{\"EventPattern\": {\"source\": [\"a\"]}}").statusCode(400)
                .body("message", containsString("Name: "));
        given().get("/v1/event-buses/default/rules/" + prefix + "-bad").then().statusCode(404)
                .body("__type", equalTo("ResourceNotFoundException"));
    }

    @Test
    void targetsAreCheckedAndARuleWithTargetsIsDeletedOnlyWithForce() {
        String rule = unique("targets");
        putRule("default", rule, "{\"EventPattern\": {\"source\": [\"t\"]}}").statusCode(200);
        putTargets("default", rule, """
                {"Targets": [{"Id": "t1", "Arn": "default", "EcsParameters": {"TaskCount": 11},
                  "RetryPolicy": {"MaximumRetryAttempts": 200, "MaximumEventAgeInSeconds": 10},
                  "Input": "{not json", "InputPath": "$.detail"}]}
                """).statusCode(400)
                .body("message", containsString("Targets[0].EcsParameters.TaskDefinitionArn: is required"))
                .body("message", containsString("Targets[0].EcsParameters.TaskCount: must be between 1 and 10"))
                .body("message", containsString("Targets[0].RetryPolicy.MaximumRetryAttempts: must be between 0 and 185"))
                .body("message", containsString("Targets[0].RetryPolicy.MaximumEventAgeInSeconds: must be between 60 and 86400"))
                .body("message", containsString("Targets[0].Input"));
        String six = String.join(",", java.util.stream.IntStream.range(0, 6).mapToObj(i ->
                "{\"Id\": \"t" + i + "\", \"Arn\": \"default\", \"EcsParameters\": {\"TaskDefinitionArn\": \"web\"}}").toList());
        putTargets("default", rule, "{\"Targets\": [" + six + "]}").statusCode(400)
                .body("message", containsString("Targets: a rule has at most 5 targets"));
        given().get("/v1/event-buses/default/rules/" + rule + "/targets").then().body("Targets", hasSize(0));

        putTargets("default", rule, target("t1", "web", "{\"MaximumRetryAttempts\": 2}")).statusCode(200)
                .body("FailedEntryCount", equalTo(0));
        given().get("/v1/event-buses/default/rules/" + rule + "/targets").then().statusCode(200)
                .body("Targets[0].Id", equalTo("t1"))
                .body("Targets[0].EcsParameters.TaskDefinitionArn", equalTo("web"))
                .body("Targets[0].RetryPolicy.MaximumRetryAttempts", equalTo(2))
                .body("Targets[0].InputTransformer.InputPathsMap.bucket", equalTo("$.detail.bucket.name"));
        given().delete("/v1/event-buses/default/rules/" + rule).then().statusCode(400)
                .body("message", containsString("still has 1 target"));
        given().queryParam("force", "true").delete("/v1/event-buses/default/rules/" + rule).then().statusCode(204);
        given().get("/v1/event-buses/default/rules/" + rule).then().statusCode(404);
    }

    @Test
    void testEventPatternUsesTheRulesMatcherAcrossItsOperators() {
        String event = """
                {"version": "0", "id": "1", "detail-type": "Object Created", "source": "demo.storage",
                 "account": "000000000000", "time": "2026-11-24T10:00:00Z", "region": "local", "resources": [],
                 "detail": {"bucket": {"name": "uploads"}, "object": {"key": "reports/2026-11.csv", "size": 1024},
                            "ip": "203.0.113.7", "tags": ["a", "b"], "status": "Failed"}}
                """;
        record Case(String pattern, boolean matches) {
        }
        List<Case> cases = List.of(
                new Case("{\"source\": [\"demo.storage\"]}", true),
                new Case("{\"source\": [\"other\"]}", false),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"prefix\": \"reports/\"}]}}}", true),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"prefix\": \"logs/\"}]}}}", false),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"suffix\": \".csv\"}]}}}", true),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"suffix\": \".json\"}]}}}", false),
                new Case("{\"detail\": {\"status\": [{\"equals-ignore-case\": \"failed\"}]}}", true),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"wildcard\": \"reports/*.csv\"}]}}}", true),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"wildcard\": \"reports/*.txt\"}]}}}", false),
                new Case("{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": [\"private\"]}]}}}", true),
                new Case("{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": \"uploads\"}]}}}", false),
                new Case("{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 1000, \"<=\", 2048]}]}}}", true),
                new Case("{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\"<\", 100]}]}}}", false),
                new Case("{\"detail\": {\"ip\": [{\"cidr\": \"203.0.113.0/24\"}]}}", true),
                new Case("{\"detail\": {\"ip\": [{\"cidr\": \"198.51.100.0/24\"}]}}", false),
                new Case("{\"detail\": {\"object\": {\"key\": [{\"exists\": true}]}}}", true),
                new Case("{\"detail\": {\"owner\": [{\"exists\": true}]}}", false),
                new Case("{\"detail\": {\"owner\": [{\"exists\": false}]}}", true),
                new Case("{\"detail\": {\"tags\": [\"b\"]}}", true),
                new Case("{\"$or\": [{\"source\": [\"x\"]}, {\"detail-type\": [\"Object Created\"]}]}", true),
                new Case("{\"$or\": [{\"source\": [\"x\"]}, {\"detail-type\": [\"y\"]}]}", false));
        for (Case c : cases) {
            testPattern(c.pattern(), event).statusCode(200).body("Result", equalTo(c.matches()));
        }
        // The event may also be given as JSON text, as EventBridge takes it.
        testPattern("{\"source\": [\"demo.storage\"]}", Json.write(event)).statusCode(200).body("Result", equalTo(true));
        testPattern("{\"source\": [{\"bogus\": 1}]}", event).statusCode(400)
                .body("__type", equalTo("InvalidEventPatternException"));
    }

    @Test
    void aMatchingEventRunsTheTargetsTaskOnceWithTheEventsDataInItsEnvironment() throws Exception {
        String family = unique("ingest");
        register(simpleDefinition(family)).statusCode(200);
        String source = unique("storage");
        String rule = unique("on-upload");
        putRule("default", rule, "{\"EventPattern\": {\"source\": [\"" + source + "\"], \"detail-type\": [\"Object Created\"]}}")
                .statusCode(200);
        putTargets("default", rule, target("run", family, null)).statusCode(200);
        try (FakeScheduler scheduler = FakeScheduler.start(family, spec -> stopped(spec, 0))) {
            String eventId = putEvents(upload(source, "reports/2026-11.csv")).statusCode(200)
                    .body("FailedEntryCount", equalTo(0)).extract().path("Entries[0].EventId");
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.received.size() == 1);
            TaskSpec spec = scheduler.received.get(0).tasks().get(0);
            assertThat(spec.startedBy()).isEqualTo("events-rule/" + rule + "/" + eventId);
            assertThat(spec.containers().get(0).environment())
                    .contains(new KeyValuePair("BUCKET", "uploads"), new KeyValuePair("KEY", "reports/2026-11.csv"));

            // The same event again (a redelivery) starts nothing new.
            ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.EVENTS, r -> r.value().contains(eventId));
            TestKafka.sendRaw(Topics.EVENTS, record.key(), record.value());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().get("/v1/event-buses/default/rules/" + rule + "/runs").then().statusCode(200)
                            .body("Runs", hasSize(1))
                            .body("Runs[0].EventId", equalTo(eventId))
                            .body("Runs[0].State", equalTo("SUCCEEDED"))
                            .body("Runs[0].Attempts", equalTo(1))
                            .body("Runs[0].Tasks[0].Task.lastStatus", equalTo("STOPPED"))
                            .body("Runs[0].Tasks[0].Task.containers[0].exitCode", equalTo(0)));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> scheduler.received.size() == 1);

            // The task's own state changes are events on the default bus, as ECS's are.
            TestKafka.awaitRecord(Topics.EVENTS, r -> r.value().contains("ECS Task State Change")
                    && r.value().contains(spec.taskId()) && r.value().contains("\"lastStatus\":\"STOPPED\""));
        }
    }

    @Test
    void aFailingTaskIsRetriedAsItsPolicySaysAndThenDeadLettered() throws Exception {
        String family = unique("flaky");
        register(simpleDefinition(family)).statusCode(200);
        String source = unique("storage");
        String rule = unique("retry");
        putRule("default", rule, "{\"EventPattern\": {\"source\": [\"" + source + "\"]}}").statusCode(200);
        putTargets("default", rule, target("run", family, "{\"MaximumRetryAttempts\": 1, \"MaximumEventAgeInSeconds\": 3600}"))
                .statusCode(200);
        Function<TaskSpec, TaskStateChange> fail = spec -> stopped(spec, 3);
        try (FakeScheduler scheduler = FakeScheduler.start(family, fail)) {
            String eventId = putEvents(upload(source, "bad.csv")).statusCode(200).extract().path("Entries[0].EventId");
            ConsumerRecord<String, String> letter = TestKafka.awaitRecord(Topics.EVENTS_DEAD_LETTER,
                    r -> r.value().contains(eventId));
            EventDeadLetter dead = Json.read(letter.value(), EventDeadLetter.class);
            assertThat(dead.attempts()).isEqualTo(2);
            assertThat(dead.errorCode()).isEqualTo("TaskFailed");
            assertThat(dead.errorMessage()).contains("exited with code 3");
            assertThat(dead.exhaustedRetryCondition()).isEqualTo("MaximumRetryAttempts");
            assertThat(dead.ruleArn()).endsWith(":rule/" + rule);
            assertThat(dead.event().id()).isEqualTo(eventId);
            assertThat(scheduler.received).hasSize(2);
            given().get("/v1/event-buses/default/rules/" + rule + "/runs").then().statusCode(200)
                    .body("Runs[0].State", equalTo("FAILED"))
                    .body("Runs[0].Attempts", equalTo(2))
                    .body("Runs[0].ErrorMessage", containsString("exited with code 3"))
                    .body("Runs[0].Tasks", hasSize(2));
        }
    }

    @Test
    void anInputThatIsNotTaskOverridesIsDeadLetteredAtOnce() {
        String family = unique("plain");
        register(simpleDefinition(family)).statusCode(200);
        String source = unique("src");
        String rule = unique("bad-input");
        putRule("default", rule, "{\"EventPattern\": {\"source\": [\"" + source + "\"]}}").statusCode(200);
        putTargets("default", rule, """
                {"Targets": [{"Id": "t", "Arn": "default", "EcsParameters": {"TaskDefinitionArn": "%s"},
                  "Input": "[1, 2]"}]}
                """.formatted(family)).statusCode(200);
        String eventId = putEvents(upload(source, "k")).statusCode(200).extract().path("Entries[0].EventId");
        EventDeadLetter dead = Json.read(TestKafka.awaitRecord(Topics.EVENTS_DEAD_LETTER,
                r -> r.value().contains(eventId)).value(), EventDeadLetter.class);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.errorCode()).isEqualTo("InvalidParameterException");
        assertThat(dead.exhaustedRetryCondition()).isNull();
        given().get("/v1/event-buses/default/rules/" + rule + "/runs").then()
                .body("Runs[0].State", equalTo("FAILED")).body("Runs[0].Tasks", hasSize(0))
                .body("Runs[0].ErrorCode", not(nullValue()));
    }

    @Test
    void aTaskOfAFamilyStoppingWithANonZeroExitRunsTheAlertTask() throws Exception {
        String family = unique("nightly");
        String alert = unique("alert");
        register(simpleDefinition(family)).statusCode(200);
        register(simpleDefinition(alert)).statusCode(200);
        String rule = unique("on-failure");
        putRule("default", rule, """
                {"EventPattern": {"source": ["aws.ecs"], "detail-type": ["ECS Task State Change"],
                  "detail": {"lastStatus": ["STOPPED"], "group": ["family:%s"],
                             "containers": {"exitCode": [{"anything-but": 0}]}}}}
                """.formatted(family)).statusCode(200);
        putTargets("default", rule, """
                {"Targets": [{"Id": "alert", "Arn": "default", "EcsParameters": {"TaskDefinitionArn": "%s"},
                  "InputTransformer": {"InputPathsMap": {"task": "$.detail.taskArn", "reason": "$.detail.stoppedReason"},
                    "InputTemplate": "{\\"containerOverrides\\": [{\\"name\\": \\"web\\", \\"environment\\": [{\\"name\\": \\"FAILED_TASK\\", \\"value\\": <task>}]}]}"}}]}
                """.formatted(alert)).statusCode(200);
        try (FakeScheduler failing = FakeScheduler.start(family, spec -> stopped(spec, 2));
             FakeScheduler alerts = FakeScheduler.start(alert, spec -> stopped(spec, 0))) {
            String taskArn = io.longshore.controlplane.support.Api.runTask("default",
                    "{\"taskDefinition\": \"" + family + "\"}").statusCode(200).extract().path("tasks[0].taskArn");
            await().atMost(Duration.ofSeconds(20)).until(() -> alerts.received.size() == 1);
            assertThat(alerts.received.get(0).tasks().get(0).containers().get(0).environment())
                    .contains(new KeyValuePair("FAILED_TASK", taskArn));
        }
    }

    @Test
    void anImagePushedToARepositoryRunsTheTask() throws Exception {
        String family = unique("scan");
        register(simpleDefinition(family)).statusCode(200);
        String repository = unique("team/app");
        String rule = unique("on-push");
        putRule("default", rule, """
                {"EventPattern": {"source": ["aws.ecr"], "detail-type": ["ECR Image Action"],
                  "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"], "repository-name": ["%s"]}}}
                """.formatted(repository)).statusCode(200);
        putTargets("default", rule, """
                {"Targets": [{"Id": "scan", "Arn": "default", "EcsParameters": {"TaskDefinitionArn": "%s"},
                  "InputTransformer": {"InputPathsMap": {"tag": "$.detail.image-tag"},
                    "InputTemplate": "{\\"containerOverrides\\": [{\\"name\\": \\"web\\", \\"command\\": [\\"scan\\", <tag>]}]}"}}]}
                """.formatted(family)).statusCode(200);
        try (FakeScheduler scans = FakeScheduler.start(family, spec -> stopped(spec, 0))) {
            ImageActionEvent other = new ImageActionEvent(unique("e"), Instant.now(), new ImageActionEvent.Detail(
                    "PUSH", "SUCCESS", "someone/else", "sha256:" + "a".repeat(64), "v1"));
            ImageActionEvent pushed = new ImageActionEvent(unique("e"), Instant.now(), new ImageActionEvent.Detail(
                    "PUSH", "SUCCESS", repository, "sha256:" + "b".repeat(64), "v2"));
            TestKafka.send(Topics.REGISTRY_EVENTS, "someone/else", other);
            TestKafka.send(Topics.REGISTRY_EVENTS, repository, pushed);
            TestKafka.send(Topics.REGISTRY_EVENTS, repository, pushed); // delivered twice: one task
            await().atMost(Duration.ofSeconds(20)).until(() -> scans.received.size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> scans.received.size() == 1);
            assertThat(scans.received.get(0).tasks().get(0).containers().get(0).command()).containsExactly("scan", "v2");
        }
    }
}
