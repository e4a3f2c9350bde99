package io.longshore.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ClusterPartitioner;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.PlacementFailures;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractsTest {

    private static ContainerDefinition container(Integer cpu, Integer memory, Integer reservation, PortMapping... ports) {
        return new ContainerDefinition("c", "img", cpu, memory, reservation, List.of(ports), null, null, null, null,
                null, null, Map.of());
    }

    private static TaskSpec spec(String networkMode, Integer cpu, Integer memory, ContainerDefinition... containers) {
        return new TaskSpec("default", "t1", "arn", "tdarn", "fam", "family:fam", null, networkMode, cpu, memory,
                List.of(containers));
    }

    @Test
    void messagesRoundTripWithTheirTypeAndSchemaVersion() {
        TaskRequest request = new TaskRequest.StopTask("default", "t1", StopCode.UserInitiated, "bye");
        String json = Json.write(request);
        assertThat(json).contains("\"type\":\"StopTask\"", "\"schemaVersion\":1");
        assertThat(Json.read(json, TaskRequest.class)).isEqualTo(request);

        AgentCommand start = new AgentCommand.StartTask("default", "i1", spec("bridge", null, null,
                container(10, 20, null)), new Allocation("i1", 10, 20, List.of(new HostPort(50000, "tcp")), "g"));
        assertThat(Json.read(Json.write(start), AgentCommand.class)).isEqualTo(start);
    }

    @Test
    void clusterScalingMessagesRoundTripAndAPlainTaskSpecCarriesNoneOfTheirFields() {
        TaskSpec waiting = spec("bridge", 256, 64, container(256, 64, null)).withCapacityProviderName("burst")
                .withPlacement(List.of(new TaskRequest.PlacementConstraint("distinctInstance", null)), List.of());
        assertThat(Json.read(Json.write(waiting), TaskSpec.class)).isEqualTo(waiting);
        assertThat(Json.write(spec("bridge", 256, 64, container(256, 64, null))))
                .doesNotContain("capacityProviderName", "placementConstraints", "placementStrategy");

        CapacityDecision drain = new CapacityDecision.DrainInstance("default", "burst", "i1", "scale-in", Instant.EPOCH);
        assertThat(Json.write(drain)).contains("\"type\":\"DrainInstance\"");
        assertThat(Json.read(Json.write(drain), CapacityDecision.class)).isEqualTo(drain);
        CapacityDecision status = new CapacityDecision.GroupStatus("default", "burst", "asg", 2, List.of("h-1", "h-2"),
                2, 200.0, new CapacityDecision.Activity("a1", "Launching a new host: h-2", "reservation 200"),
                Instant.EPOCH);
        assertThat(Json.read(Json.write(status), CapacityDecision.class)).isEqualTo(status);

        ClusterCapacity capacity = new ClusterCapacity("default", "burst",
                List.of(new ClusterCapacity.WaitingTask("t1", 256, 64, Instant.EPOCH)),
                List.of(new ClusterCapacity.ProviderInstance("i1", InstanceStatus.ACTIVE, true, 256, 192, 1, 1, "h-1",
                        Instant.EPOCH)), Instant.EPOCH);
        assertThat(Json.read(Json.write(capacity), ClusterCapacity.class)).isEqualTo(capacity);
        assertThat(capacity.key()).isEqualTo("default/burst");
    }

    @Test
    void registryCredentialsAndThePullPolicyRoundTripAndAreOmittedWhenAbsent() {
        ContainerDefinition app = new ContainerDefinition("app", "127.0.0.1:5000/team/app:1.0", null, 64, null, null,
                null, null, null, null, null, null, null, null, ContainerDefinition.ALWAYS);
        RegistryCredential credential = new RegistryCredential("127.0.0.1:5000", "AWS", "lst1.secret",
                Instant.parse("2030-01-01T00:00:00Z"));
        TaskSpec spec = spec("bridge", null, null, app).withRegistryCredentials(List.of(credential));

        String json = Json.write(spec);
        assertThat(json).contains("\"imagePullPolicy\":\"ALWAYS\"", "\"registryCredentials\":[{");
        assertThat(Json.read(json, TaskSpec.class)).isEqualTo(spec);
        ServiceSpec service = new ServiceSpec("default", "web", "arn", ServiceSpec.ACTIVE, ServiceSpec.REPLICA, 1,
                "d1", spec, List.of(), List.of(), null, 0, Instant.EPOCH);
        assertThat(Json.read(Json.write(service), ServiceSpec.class)).isEqualTo(service);

        // a spec without credentials (and one from a producer that never heard of them) is what it was
        TaskSpec plain = spec("bridge", null, null, container(1, 10, null));
        assertThat(Json.write(plain)).doesNotContain("registryCredentials", "imagePullPolicy");
        assertThat(Json.read(Json.write(plain), TaskSpec.class)).isEqualTo(plain);
        assertThat(plain.registryCredentials()).isEmpty();
        assertThat(plain.containers().get(0).imagePullPolicyOrDefault()).isEqualTo(ContainerDefinition.IF_NOT_PRESENT);
    }

    @Test
    void aCredentialServesTheImagesOfItsRegistryOnlyAndNeverPrintsItsPassword() {
        RegistryCredential credential = new RegistryCredential("127.0.0.1:5000", "AWS", "lst1.secret", Instant.EPOCH);
        TaskSpec spec = spec("bridge", null, null, container(1, 10, null)).withRegistryCredentials(List.of(credential));
        assertThat(spec.credentialFor("127.0.0.1:5000/team/app:1.0")).contains(credential);
        assertThat(spec.credentialFor("127.0.0.1:5000/app@sha256:abc")).contains(credential);
        assertThat(spec.credentialFor("localhost:5000/app")).isEmpty();
        assertThat(spec.credentialFor("busybox")).isEmpty();
        assertThat(spec.credentialFor("127.0.0.1:5000")).isEmpty(); // Docker Hub's "127.0.0.1" at tag 5000
        assertThat(credential.toString()).doesNotContain("lst1.secret");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = "{\"type\":\"StopTask\",\"schemaVersion\":2,\"cluster\":\"c\",\"taskId\":\"t\",\"novel\":1}";
        assertThat(Json.read(json, TaskRequest.class)).isInstanceOf(TaskRequest.StopTask.class);
    }

    @Test
    void everyMessageAboutAClusterGoesToOnePartition() {
        int partition = ClusterPartitioner.partitionFor(MessageKeys.of("prod", "task-1"), 12);
        for (int i = 0; i < 50; i++) {
            assertThat(ClusterPartitioner.partitionFor(MessageKeys.of("prod", "x" + i), 12)).isEqualTo(partition);
        }
        assertThat(MessageKeys.cluster("prod/abc")).isEqualTo("prod");
    }

    @Test
    void taskResourcesComeFromTheTaskLevelElseTheContainers() {
        assertThat(spec("bridge", 512, 1024, container(10, 20, null)).requiredCpu()).isEqualTo(512);
        TaskSpec perContainer = spec("bridge", null, null, container(10, 20, null), container(null, null, 30));
        assertThat(perContainer.requiredCpu()).isEqualTo(10);
        assertThat(perContainer.requiredMemory()).isEqualTo(50);
    }

    @Test
    void hostModePublishesOnTheContainerPortAndNoneModePublishesNothing() {
        ContainerDefinition web = container(1, 10, null, new PortMapping(80, null, "tcp"));
        assertThat(spec("host", null, null, web).portMappings()).containsExactly(new PortMapping(80, 80, "tcp"));
        assertThat(spec("none", null, null, web).portMappings()).isEmpty();
        assertThat(spec("bridge", null, null, web).portMappings().get(0).isDynamic()).isTrue();
    }

    @Test
    void statusesOnlyMoveForwardAndPlacementFailuresCarryTheReason() {
        assertThat(TaskStatus.RUNNING.isAfter(TaskStatus.PENDING)).isTrue();
        assertThat(TaskStatus.PENDING.isAfter(TaskStatus.RUNNING)).isFalse();
        assertThat(PlacementFailures.reasonOf(PlacementFailures.stoppedReason("RESOURCE:CPU"))).contains("RESOURCE:CPU");
        assertThat(PlacementFailures.reasonOf("Essential container in task exited")).isEmpty();
    }
}
