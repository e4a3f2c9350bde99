package io.longshore.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.autoscaler.hosts.HostProvisioner;
import io.longshore.autoscaler.hosts.HostProvisioners;
import io.longshore.autoscaler.hosts.ProvisionedHost;
import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ClusterCapacity.ProviderInstance;
import io.longshore.common.messaging.ClusterCapacity.WaitingTask;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.InstanceStatus;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster scaling against a real Kafka broker, the test playing the control plane (capacity
 * provider specs) and the scheduler (capacity figures), with process hosts that only sleep (the
 * test profile's stand-in for the agent): waiting tasks launch a host; an empty host below the
 * target is drained, then terminated and its instance deregistered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ClusterScalingIT {
    @Inject
    HostProvisioners provisioners;

    private KafkaTestClient kafka;
    private KafkaTestClient.Collector decisions;
    private String cluster;
    private String provider;
    private String group;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        decisions = KafkaTestClient.collect(Topics.CAPACITY_DECISIONS);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        cluster = "cs-" + suffix;
        provider = "cp-" + suffix;
        group = "asg-" + suffix;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        HostProvisioner process = provisioners.get(HostProvisioners.PROCESS).orElseThrow();
        process.hosts(group).forEach(h -> process.terminate(h.hostId()));
        decisions.close();
        kafka.close();
    }

    @Test
    void waitingTasksLaunchAHostAndAnEmptyOneIsDrainedTerminatedAndDeregistered() {
        HostProvisioner process = provisioners.get(HostProvisioners.PROCESS).orElseThrow();
        spec();
        capacity(List.of(), List.of(new WaitingTask("t1", 512, 1024, Instant.now())));

        // one task waits, no host: reservation 200, one host launched
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses().stream().anyMatch(s -> s.activity() != null));
        CapacityDecision.GroupStatus launched = statuses().stream().filter(s -> s.activity() != null).findFirst()
                .orElseThrow();
        assertThat(launched.autoScalingGroupName()).isEqualTo(group);
        assertThat(launched.desiredCapacity()).isEqualTo(1);
        assertThat(launched.instancesNeeded()).isEqualTo(1);
        assertThat(launched.reservation()).isEqualTo(200);
        assertThat(launched.hostIds()).hasSize(1);
        String hostId = launched.hostIds().get(0);
        assertThat(launched.activity().description()).isEqualTo("Launching a new host: " + hostId);
        assertThat(launched.activity().cause())
                .isEqualTo("CapacityProviderReservation 200 is above the target 100: 1 host needed, 0 running");
        List<ProvisionedHost> hosts = process.hosts(group);
        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.hostId()).isEqualTo(hostId);
            assertThat(h.bindIp()).startsWith("127.0.9.");
        });
        Path dir = Path.of("target/test-hosts", hostId);
        assertThat(Files.isDirectory(dir)).isTrue();

        // the host registered and its task ran and went: empty, the reservation 0 for longer than scale-in-after
        String instanceId = "ci-" + hostId;
        capacity(List.of(instance(instanceId, hostId, InstanceStatus.ACTIVE, 0)), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(CapacityDecision.DrainInstance.class).stream()
                .anyMatch(d -> d.containerInstanceId().equals(instanceId)));
        assertThat(decisions(CapacityDecision.DeregisterInstance.class)).isEmpty(); // not before it is DRAINING
        assertThat(process.hosts(group)).hasSize(1);

        // the control plane set it DRAINING; nothing but daemon tasks on it: terminated, then deregistered
        capacity(List.of(instance(instanceId, hostId, InstanceStatus.DRAINING, 0)), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(CapacityDecision.DeregisterInstance.class)
                .stream().anyMatch(d -> d.containerInstanceId().equals(instanceId)));
        assertThat(process.hosts(group)).isEmpty();
        assertThat(Files.exists(dir)).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses().stream()
                .anyMatch(s -> s.activity() != null && s.activity().description().startsWith("Terminating host " + hostId)));
        CapacityDecision.GroupStatus last = statuses().get(statuses().size() - 1);
        assertThat(last.hostIds()).isEmpty();
        assertThat(last.desiredCapacity()).isZero();
    }

    private List<CapacityDecision.GroupStatus> statuses() {
        return decisions(CapacityDecision.GroupStatus.class);
    }

    private <T extends CapacityDecision> List<T> decisions(Class<T> type) {
        return decisions.values(CapacityDecision.class).stream()
                .filter(d -> d.cluster().equals(cluster) && d.capacityProviderName().equals(provider))
                .filter(type::isInstance).map(type::cast)
                .toList();
    }

    private void spec() {
        CapacityProviderSpec spec = new CapacityProviderSpec(provider, "arn:" + provider, CapacityProviderSpec.ACTIVE,
                cluster,
                new CapacityProviderSpec.AutoScalingGroup(group, "arn:" + group, 0, 3, 0, 1024, 2048,
                        Map.of("zone", "a"), HostProvisioners.PROCESS),
                new CapacityProviderSpec.ManagedScaling(true, 100, 1, 10, 0), true, Instant.now());
        kafka.send(Topics.CAPACITY_PROVIDERS, spec.key(), spec);
    }

    private void capacity(List<ProviderInstance> instances, List<WaitingTask> waiting) {
        ClusterCapacity capacity = new ClusterCapacity(cluster, provider, waiting, instances, Instant.now());
        kafka.send(Topics.CLUSTER_CAPACITY, capacity.key(), capacity);
    }

    private static ProviderInstance instance(String instanceId, String hostId, InstanceStatus status, int nonDaemon) {
        return new ProviderInstance(instanceId, status, true, 1024, 2048, nonDaemon, nonDaemon, hostId, Instant.now());
    }
}
