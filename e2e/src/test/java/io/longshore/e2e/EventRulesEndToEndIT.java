package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.common.events.EventDeadLetter;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.Topics;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event rules end to end: PutEvents on the running stack starts a real container that gets the
 * event's data in its environment and exits 0; the same event delivered again starts nothing; a
 * task that keeps failing is retried as its target's policy says and then dead-lettered with why.
 */
class EventRulesEndToEndIT {

    @BeforeAll
    static void up() {
        Stack.up();
    }

    @AfterAll
    static void down() {
        Stack.longshore("down");
    }

    /** A job that succeeds only when BUCKET and KEY hold what the event carried. */
    static void registerJob(String family, String script) {
        given().contentType(ContentType.JSON).body("""
                {"family": "%s", "containerDefinitions": [
                  {"name": "main", "image": "longshore/busybox:latest", "memory": 32, "stopTimeout": 2,
                   "command": ["sh", "-c", "%s"]}]}
                """.formatted(family, script)).post("/v1/task-definitions").then().statusCode(200);
    }

    static void ruleWithTarget(String rule, String source, String family, String retryPolicy) {
        given().contentType(ContentType.JSON)
                .body("{\"EventPattern\": {\"source\": [\"" + source + "\"], \"detail-type\": [\"Object Created\"]}}")
                .put("/v1/event-buses/default/rules/" + rule).then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"Targets": [{"Id": "job", "Arn": "arn:aws:ecs:local:000000000000:cluster/default",
                  "EcsParameters": {"TaskDefinitionArn": "%s"}, %s
                  "InputTransformer": {
                    "InputPathsMap": {"bucket": "$.detail.bucket.name", "key": "$.detail.object.key"},
                    "InputTemplate": "{\\"containerOverrides\\": [{\\"name\\": \\"main\\", \\"environment\\": [{\\"name\\": \\"BUCKET\\", \\"value\\": <bucket>}, {\\"name\\": \\"KEY\\", \\"value\\": <key>}]}]}"}}]}
                """.formatted(family, retryPolicy == null ? "" : "\"RetryPolicy\": " + retryPolicy + ","))
                .put("/v1/event-buses/default/rules/" + rule + "/targets").then().statusCode(200);
    }

    static String putUpload(String source, String key) {
        return given().contentType(ContentType.JSON).body("""
                {"Entries": [{"Source": "%s", "DetailType": "Object Created",
                  "Detail": "{\\"bucket\\": {\\"name\\": \\"uploads\\"}, \\"object\\": {\\"key\\": \\"%s\\"}}"}]}
                """.formatted(source, key)).post("/v1/events").then().statusCode(200)
                .extract().jsonPath().getString("Entries[0].EventId");
    }

    static JsonPath runs(String rule) {
        return given().get("/v1/event-buses/default/rules/" + rule + "/runs").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anUploadEventRunsTheJobWithItsDataOnceEvenWhenTheEventIsDeliveredAgain() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String family = "e2e-ingest-" + suffix;
        String source = "demo.storage." + suffix;
        String rule = "on-upload-" + suffix;
        registerJob(family, "test \\\"$BUCKET/$KEY\\\" = uploads/reports/2026-11.csv && echo processed $BUCKET/$KEY");
        ruleWithTarget(rule, source, family, null);

        String eventId = putUpload(source, "reports/2026-11.csv");
        JsonPath done = await().atMost(Duration.ofSeconds(90)).until(() -> runs(rule),
                r -> "SUCCEEDED".equals(r.getString("Runs[0].State")));
        assertThat(done.getList("Runs")).hasSize(1);
        assertThat(done.getString("Runs[0].EventId")).isEqualTo(eventId);
        assertThat(done.getString("Runs[0].Tasks[0].Task.lastStatus")).isEqualTo("STOPPED");
        assertThat(done.getInt("Runs[0].Tasks[0].Task.containers[0].exitCode")).isEqualTo(0);
        assertThat(done.getString("Runs[0].Tasks[0].Task.startedBy")).isEqualTo("events-rule/" + rule + "/" + eventId);

        // The event's record delivered again (as after a consumer crash) starts no second task.
        ConsumerRecord<String, String> record = awaitRecord(Topics.EVENTS, r -> r.value().contains(eventId)
                && r.value().contains(source));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, record.key(), record.value())).get();
        }
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> runs(rule).getList("Runs").size() == 1);
        assertThat(given().queryParam("startedBy", "events-rule/" + rule + "/" + eventId)
                .queryParam("desiredStatus", "STOPPED").get("/v1/clusters/default/tasks").then().statusCode(200)
                .extract().jsonPath().getList("tasks")).hasSize(1);
    }

    @Test
    void aJobThatKeepsFailingIsRetriedByItsPolicyThenDeadLetteredWithTheReason() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String family = "e2e-failing-" + suffix;
        String source = "demo.storage." + suffix;
        String rule = "always-fails-" + suffix;
        registerJob(family, "echo cannot process $KEY; exit 3");
        ruleWithTarget(rule, source, family, "{\"MaximumRetryAttempts\": 1, \"MaximumEventAgeInSeconds\": 600}");

        String eventId = putUpload(source, "broken.csv");
        ConsumerRecord<String, String> letter = awaitRecord(Topics.EVENTS_DEAD_LETTER, r -> r.value().contains(eventId));
        EventDeadLetter dead = Json.read(letter.value(), EventDeadLetter.class);
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.errorCode()).isEqualTo("TaskFailed");
        assertThat(dead.errorMessage()).contains("exited with code 3");
        assertThat(dead.exhaustedRetryCondition()).isEqualTo("MaximumRetryAttempts");
        JsonPath failed = runs(rule);
        assertThat(failed.getString("Runs[0].State")).isEqualTo("FAILED");
        assertThat(failed.getList("Runs[0].Tasks")).hasSize(2);
        assertThat(failed.getList("Runs[0].Tasks.Task.containers[0].exitCode", Integer.class)).containsOnly(3);
    }

    static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, io.longshore.common.messaging.ClusterPartitioner.class.getName());
        return new KafkaProducer<>(props);
    }

    /** The first record of the topic (read from its beginning, no group) that matches. */
    static ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }
}
