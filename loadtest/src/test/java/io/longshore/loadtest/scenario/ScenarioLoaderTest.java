package io.longshore.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.messaging.Json;
import io.longshore.loadtest.io.SimulatedFleetProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioLoaderTest {
    /** Maven runs the tests in the module's folder, where the shipped scenarios are. */
    private static final List<Path> SHIPPED = List.of(Path.of("scenarios"));

    private static final String MINIMAL = """
            name: mini
            duration: 30s
            hosts: {count: 3, cpu: 1024, memory: 2048}
            taskDefinitions:
              - family: f
                cpu: "256"
                memory: "512"
                containerDefinitions: [{name: app, image: "busybox:latest"}]
            workload:
              runTasks:
                - {name: r, taskDefinition: f, total: 25}
            """;

    private static Scenario parse(String text) {
        return ScenarioLoader.parse(text, "test", "fallback");
    }

    private static List<String> problems(String text) {
        try {
            parse(text);
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected the scenario to be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smoke", "c1m-mini", "churn", "events"})
    void everyShippedScenarioLoads(String name) {
        Scenario s = ScenarioLoader.load(ScenarioLoader.resolve(name, SHIPPED));
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.invariants()).containsExactlyInAnyOrder(InvariantName.values());
        assertThat(s.plannedRequests()).isLessThanOrEqualTo(s.limits().maxRequests());
    }

    @Test
    void smokeIsSmallAndCoversTheFeatures() {
        Scenario s = ScenarioLoader.load(ScenarioLoader.resolve("smoke", SHIPPED));
        assertThat(s.hostCount()).isEqualTo(50);
        assertThat(s.duration()).isLessThan(Duration.ofSeconds(60));
        assertThat(s.runTaskTotal()).isBetween(100, 1000);
        assertThat(s.runTasks()).flatExtracting(Scenario.RunTaskPhase::placementConstraints)
                .extracting(c -> c.type()).contains("memberOf", "distinctInstance");
        assertThat(s.runTasks()).flatExtracting(Scenario.RunTaskPhase::placementStrategy)
                .extracting(c -> c.type()).contains("spread");
        assertThat(s.services()).hasSize(1);
        assertThat(s.services().get(0).deployments()).isNotEmpty();
        assertThat(s.lifecycle().path("runDuration").isObject()).isTrue(); // short-lived
    }

    @Test
    void c1mMiniHasTenThousandHostsAndHundredThousandTasks() {
        Scenario s = ScenarioLoader.load(ScenarioLoader.resolve("c1m-mini", SHIPPED));
        assertThat(s.hostCount()).isEqualTo(10_000);
        assertThat(s.runTaskTotal()).isEqualTo(100_000);
        assertThat(s.runTasks().get(0).tasksPerSecond()).isEmpty(); // as fast as the bound lets
        assertThat(s.lifecycle().path("runDuration").asText()).isEqualTo("forever");
    }

    @Test
    void churnLosesHostsWhileServicesDeploy() {
        Scenario s = ScenarioLoader.load(ScenarioLoader.resolve("churn", SHIPPED));
        assertThat(s.hosts().path("loss").path("share").asDouble()).isPositive();
        assertThat(s.services()).allSatisfy(svc -> assertThat(svc.deployments().size()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void eventsRunsTasksFromARuleAtASteadyRate() {
        Scenario s = ScenarioLoader.load(ScenarioLoader.resolve("events", SHIPPED));
        assertThat(s.events()).hasSize(1);
        assertThat(s.events().get(0).eventsPerSecond()).isPositive();
        assertThat(s.events().get(0).target().taskDefinition()).isEqualTo("events-batch");
    }

    @Test
    void readsTheMinimalScenarioWithDefaults() {
        Scenario s = parse(MINIMAL);
        assertThat(s.cluster()).isEqualTo("mini");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.limits().concurrency()).isEqualTo(16);
        assertThat(s.settle()).isEqualTo(Duration.ofSeconds(30));
        var phase = s.runTasks().get(0);
        assertThat(phase.perCall()).isEqualTo(10);
        assertThat(phase.calls()).isEqualTo(3);
        assertThat(s.taskDefinition("f").shapeCpu()).isEqualTo(256);
        assertThat(s.taskDefinition("f").shapeMemory()).isEqualTo(512);
        assertThat(s.invariants()).hasSize(4);
    }

    @Test
    void jsonIsReadToo() {
        Scenario s = parse("""
                {"name": "j", "duration": "10s", "hosts": {"count": 1},
                 "taskDefinitions": [{"family": "f", "containerDefinitions": [{"name": "a", "image": "x", "cpu": 100, "memory": 200}]}],
                 "workload": {"runTasks": [{"name": "r", "taskDefinition": "f", "total": 1}]}}
                """);
        assertThat(s.taskDefinition("f").shapeCpu()).isEqualTo(100); // from the containers
        assertThat(s.taskDefinition("f").shapeMemory()).isEqualTo(200);
    }

    @Test
    void namesEveryBadField() {
        List<String> problems = problems("""
                duration: 5 parsecs
                hosts: {count: 0}
                extra: 1
                limits: {concurrency: 0}
                taskDefinitions:
                  - family: f
                    containerDefinitions: []
                workload:
                  runTasks:
                    - {name: r, taskDefinition: nope, total: 5, perCall: 11, tasksPerSecond: -1}
                    - name: m
                      taskDefinition: f
                      total: 1
                      placementConstraints: [{type: memberOf, expression: "attribute:zone =="}, {type: sameHost}]
                      placementStrategy: [{type: spread}, {type: pack, field: cpu}]
                invariants: [noOverCommit, sometimes]
                """);
        assertThat(problems).anyMatch(p -> p.startsWith("duration: must be a duration"));
        assertThat(problems).anyMatch(p -> p.startsWith("hosts.count: must be between 1"));
        assertThat(problems).anyMatch(p -> p.startsWith("extra: unknown field"));
        assertThat(problems).anyMatch(p -> p.startsWith("limits.concurrency: must be between 1"));
        assertThat(problems).anyMatch(p -> p.startsWith("taskDefinitions[0].containerDefinitions: required"));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.runTasks[0].perCall: must be between 1 and 10"));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.runTasks[0].tasksPerSecond: must be a positive number"));
        assertThat(problems).anyMatch(p -> p.contains("taskDefinition: no task definition of family nope"));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.runTasks[1].placementConstraints[0].expression:"));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.runTasks[1].placementConstraints[1].type: must be memberOf or distinctInstance"));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.runTasks[1].placementStrategy[0].field: spread needs a field"));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.runTasks[1].placementStrategy[1].type: must be spread, binpack or random"));
        assertThat(problems).anyMatch(p -> p.startsWith("invariants[1]: unknown invariant sometimes"));
        assertThat(problems).noneMatch(p -> p.startsWith("duration: required"));
    }

    @Test
    void requiresDurationHostsAndAWorkload() {
        List<String> problems = problems("name: empty\n");
        assertThat(problems).contains("hosts: required, a mapping with at least count (passed to the simulated fleet)",
                "taskDefinitions: at least one is required",
                "workload: needs at least one of runTasks, services, events");
        assertThat(problems).anyMatch(p -> p.startsWith("duration: required"));
    }

    @Test
    void refusesAWorkloadBeyondTheRequestBound() {
        List<String> problems = problems(MINIMAL + "limits: {maxRequests: 2}\n");
        assertThat(problems).containsExactly("limits.maxRequests: the workload needs 3 requests, more than the bound 2");
    }

    @Test
    void aDeploymentMustComeAfterItsService() {
        List<String> problems = problems(MINIMAL.replace("workload:\n", """
                workload:
                  services:
                    - name: s
                      taskDefinition: f
                      desiredCount: 2
                      at: 10s
                      deployments: [{at: 5s}, {at: 20s, taskDefinition: g}]
                """));
        assertThat(problems).anyMatch(p -> p.startsWith("workload.services[0].deployments[0].at: must be after"));
        assertThat(problems).anyMatch(p -> p.contains("deployments.taskDefinition: no task definition of family g"));
    }

    @Test
    void notYamlAtAllIsOneClearProblem() {
        assertThatThrownBy(() -> parse("a: [unclosed")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("is not valid YAML or JSON");
        assertThatThrownBy(() -> parse("- a list")).hasMessageContaining("must be a mapping");
    }

    @Test
    void anUnknownScenarioNameSaysWhereItLooked() {
        assertThatThrownBy(() -> ScenarioLoader.resolve("no-such-scenario", SHIPPED))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("scenarios");
    }

    @Test
    void theFleetGetsHostsLifecycleAndSeedUnchangedPlusTheCluster() throws Exception {
        Scenario s = ScenarioLoader.load(ScenarioLoader.resolve("smoke", SHIPPED));
        JsonNode spec = SimulatedFleetProcess.simulationSpec("smoke-run1", s);
        assertThat(spec.path("cluster").asText()).isEqualTo("smoke-run1");
        assertThat(spec.path("seed").asLong()).isEqualTo(42);
        assertThat(spec.path("hosts")).isEqualTo(s.hosts());
        assertThat(spec.path("lifecycle")).isEqualTo(s.lifecycle());
        assertThat(spec.path("hosts").path("attributes").path("ecs.availability-zone").path("local-a").asInt()).isEqualTo(1);
        // written as JSON, as the agent reads it
        assertThat(Json.write(Json.MAPPER.readTree(Json.write(spec)))).isEqualTo(Json.write(spec));
    }

    @Test
    void durations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("must be a duration");
    }
}
