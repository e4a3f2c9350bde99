package io.longshore.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.messaging.MetricSample;
import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.Topics;
import io.longshore.common.scaling.CustomizedMetricSpecification;
import io.longshore.common.scaling.MetricDimension;
import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.PredefinedMetricSpecification;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.SuspendedState;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler against a real Kafka broker, with the loop in seconds: it reads targets, desired
 * counts and samples from their topics and publishes decisions and datapoints.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AutoscalerIT {
    private KafkaTestClient kafka;
    private KafkaTestClient.Collector decisions;
    private String cluster;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        decisions = KafkaTestClient.collect(Topics.SCALING_DECISIONS);
        cluster = "as-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        decisions.close();
        kafka.close();
    }

    @Test
    void scalesOutWhenTheServiceBurnsMoreCpuThanItsTarget() throws InterruptedException {
        try (KafkaTestClient.Collector datapoints = KafkaTestClient.collect(Topics.METRIC_DATAPOINTS)) {
            desiredCount("web", 1);
            target("web", 1, 5, List.of(cpuPolicy("cpu50", 50)), List.of());

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                usage("web", "t1", 100);
                return !decisionsOf("web").isEmpty();
            });

            ScalingDecision decision = decisionsOf("web").get(0);
            assertThat(decision.cause()).isEqualTo(ScalingDecision.POLICY);
            assertThat(decision.source()).isEqualTo("cpu50");
            assertThat(decision.fromCapacity()).isEqualTo(1);
            assertThat(decision.toCapacity()).isEqualTo(2); // ceil(1 × 100 / 50)
            assertThat(datapoints.values(MetricDatapoint.class)).anySatisfy(d -> {
                assertThat(d.cluster()).isEqualTo(cluster);
                assertThat(d.metricName()).isEqualTo(Metrics.CPU_UTILIZATION);
                assertThat(d.average()).isEqualTo(100.0);
                assertThat(d.periodSeconds()).isEqualTo(1);
            });
        }
    }

    @Test
    void scalesAConsumerByItsKafkaLag() throws Exception {
        String topic = "jobs-" + cluster;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        for (int i = 0; i < 12; i++) {
            kafka.sendRaw(topic, "job-" + i, "{}");
        }
        desiredCount("worker", 1);
        ScalingPolicy lag = new ScalingPolicy("lag4", null, ScalingPolicy.TARGET_TRACKING,
                new TargetTrackingScalingPolicyConfiguration(4.0, null,
                        new CustomizedMetricSpecification(Metrics.CONSUMER_LAG, Metrics.NAMESPACE_KAFKA,
                                List.of(new MetricDimension(Metrics.TOPIC, topic),
                                        new MetricDimension(Metrics.CONSUMER_GROUP, "workers")),
                                "Average", "Count"),
                        0, 0, false),
                null, null, Instant.now());
        target("worker", 1, 10, List.of(lag), List.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> !decisionsOf("worker").isEmpty());

        // 12 messages nobody has consumed, 4 per task wanted: 3 tasks, as KEDA's Kafka scaler counts.
        assertThat(decisionsOf("worker").get(0).toCapacity()).isEqualTo(3);
    }

    @Test
    void takesAScheduledActionOnceAndClampsIntoItsNewMinimum() {
        desiredCount("batch", 1);
        Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String schedule = "at(" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .format(at.atOffset(ZoneOffset.UTC)) + ")";
        target("batch", 1, 10, List.of(), List.of(new ScheduledAction("morning", null, schedule, "UTC", null, null,
                new ScalableTargetAction(3, null), Instant.now())));

        await().atMost(Duration.ofSeconds(30)).until(() -> !decisionsOf("batch").isEmpty());
        // several more evaluations: the occurrence is not taken again
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
                .until(() -> decisionsOf("batch").size() == 1);

        assertThat(decisionsOf("batch")).singleElement().satisfies(d -> {
            assertThat(d.cause()).isEqualTo(ScalingDecision.SCHEDULED_ACTION);
            assertThat(d.source()).isEqualTo("morning");
            assertThat(d.newMinCapacity()).isEqualTo(3);
            assertThat(d.toCapacity()).isEqualTo(3);
            assertThat(d.decidedAt()).isAfterOrEqualTo(at);
        });
    }

    private List<ScalingDecision> decisionsOf(String service) {
        return decisions.values(ScalingDecision.class).stream()
                .filter(d -> d.cluster().equals(cluster) && d.serviceName().equals(service))
                .toList();
    }

    private void desiredCount(String service, int desired) {
        kafka.send(Topics.SERVICE_SPECS, cluster + "/" + service, new ServiceSpec(cluster, service,
                "arn:" + service, ServiceSpec.ACTIVE, ServiceSpec.REPLICA, desired, "d1", null, List.of(),
                List.of(), null, 0, Instant.now()));
    }

    private void target(String service, int min, int max, List<ScalingPolicy> policies,
                        List<ScheduledAction> actions) {
        ScalingTarget target = new ScalingTarget(cluster, service, ScalingTarget.ACTIVE, min, max,
                SuspendedState.NONE, policies, actions, Instant.now());
        kafka.send(Topics.SCALING_TARGETS, target.key(), target);
    }

    private void usage(String service, String taskId, double cpu) {
        MetricSample.TaskUsage usage = new MetricSample.TaskUsage(cluster, taskId, ServiceSpec.group(service),
                "i-1", cpu, 10, cpu * 10.24, 50, Instant.now());
        kafka.send(Topics.METRICS, usage.key(), usage);
    }

    private static ScalingPolicy cpuPolicy(String name, double target) {
        return new ScalingPolicy(name, null, ScalingPolicy.TARGET_TRACKING,
                new TargetTrackingScalingPolicyConfiguration(target,
                        new PredefinedMetricSpecification(PredefinedMetricSpecification.ECS_CPU, null), null, 0, 0,
                        false),
                null, null, Instant.now());
    }
}
