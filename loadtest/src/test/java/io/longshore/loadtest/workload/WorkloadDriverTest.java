package io.longshore.loadtest.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.messaging.Json;
import io.longshore.loadtest.io.HttpTransport;
import io.longshore.loadtest.io.LongshoreClient;
import io.longshore.loadtest.scenario.Scenario;
import io.longshore.loadtest.scenario.ScenarioLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadDriverTest {
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(4);

    /** Answers every call a few ms later, as the control plane would, and counts calls in flight. */
    private final class FakeApi implements HttpTransport {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger taskIds = new AtomicInteger();

        @Override
        public CompletableFuture<ApiResponse> send(String method, String path, JsonNode body) {
            calls.add(method + " " + path);
            bodies.add(body == null ? Json.MAPPER.nullNode() : body);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
            answers.schedule(() -> {
                inFlight.decrementAndGet();
                answer.complete(respond(path, body));
            }, 5, TimeUnit.MILLISECONDS);
            return answer;
        }

        private ApiResponse respond(String path, JsonNode body) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            if (path.endsWith("/tasks")) {
                ArrayNode tasks = out.putArray("tasks");
                int count = body.path("count").asInt();
                for (int i = 0; i < count; i++) {
                    tasks.addObject().put("taskArn", "arn:aws:ecs:local:0:task/c/t" + taskIds.incrementAndGet())
                            .put("createdAt", "2026-12-07T12:00:00.123Z");
                }
                out.putArray("failures").addObject().put("reason", "RESOURCE:CPU");
            } else if (path.equals("/v1/events")) {
                out.put("FailedEntryCount", 0);
            }
            return new ApiResponse(200, out);
        }
    }

    @AfterEach
    void stopAnswering() {
        answers.shutdownNow();
    }

    private static Scenario scenario(String workload, String limits) {
        return ScenarioLoader.parse("""
                name: t
                duration: 30s
                limits: %s
                hosts: {count: 1}
                taskDefinitions:
                  - {family: f, cpu: "1", memory: "1", containerDefinitions: [{name: a, image: x}]}
                  - {family: g, cpu: "1", memory: "1", containerDefinitions: [{name: a, image: x}]}
                workload:
                %s
                """.formatted(limits, workload.indent(2)), "test", "t");
    }

    private static WorkloadLedger run(Scenario scenario, FakeApi api, RequestGate gate) throws Exception {
        WorkloadLedger ledger = new WorkloadLedger();
        new WorkloadDriver(scenario, new LongshoreClient(api), "c", Map.of("f", "arn:f", "g", "arn:g"), "default",
                "longshore.loadtest.r1", "r1", gate, ledger, Clock.systemUTC()).start().get(20, TimeUnit.SECONDS);
        return ledger;
    }

    @Test
    void aBurstSendsEveryTaskInCallsOfAtMostTenWithinTheConcurrencyBound() throws Exception {
        Scenario s = scenario("""
                runTasks:
                  - name: burst
                    taskDefinition: f
                    total: 95
                    group: g1
                    placementConstraints: [{type: distinctInstance}]
                    placementStrategy: [{type: spread, field: instanceId}]
                """, "{concurrency: 3, maxRequests: 100}");
        FakeApi api = new FakeApi();
        WorkloadLedger ledger = run(s, api, new RequestGate(3, 100));
        assertThat(api.calls).hasSize(10).allMatch(c -> c.equals("POST /v1/clusters/c/tasks"));
        assertThat(api.bodies).allMatch(b -> b.path("count").asInt() <= 10);
        assertThat(api.bodies.stream().mapToInt(b -> b.path("count").asInt()).sum()).isEqualTo(95);
        assertThat(api.bodies.get(0).path("taskDefinition").asText()).isEqualTo("arn:f");
        assertThat(api.bodies.get(0).path("group").asText()).isEqualTo("g1");
        assertThat(api.bodies.get(0).path("placementConstraints").get(0).path("type").asText()).isEqualTo("distinctInstance");
        assertThat(api.bodies.get(0).path("placementStrategy").get(0).path("field").asText()).isEqualTo("instanceId");
        assertThat(api.maxInFlight.get()).isLessThanOrEqualTo(3);
        assertThat(ledger.acceptedCount()).isEqualTo(95);
        assertThat(ledger.accepted().get(0).createdAt()).isNotNull();
        assertThat(ledger.accepted().get(0).placementConstraints()).hasSize(1);
        assertThat(ledger.failures()).containsEntry("RESOURCE:CPU", 10L);
        assertThat(ledger.sentCount()).isEqualTo(10);
    }

    @Test
    void theTotalBoundStopsTheWorkload() throws Exception {
        Scenario s = scenario("""
                runTasks:
                  - {name: burst, taskDefinition: f, total: 50}
                """, "{concurrency: 2, maxRequests: 5}");
        FakeApi api = new FakeApi();
        RequestGate gate = new RequestGate(2, 3); // tighter than the scenario's own bound
        WorkloadLedger ledger = run(s, api, gate);
        assertThat(api.calls).hasSize(3);
        assertThat(ledger.acceptedCount()).isEqualTo(30);
        assertThat(gate.exhausted()).isTrue();
    }

    @Test
    void aRatePacesTheCalls() throws Exception {
        Scenario s = scenario("""
                runTasks:
                  - {name: paced, taskDefinition: f, total: 20, perCall: 5, tasksPerSecond: 40}
                """, "{concurrency: 4, maxRequests: 10}");
        long start = System.nanoTime();
        run(s, new FakeApi(), new RequestGate(4, 10));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 4 calls of 5 at 40 tasks/s: the last leaves at 375 ms
        assertThat(millis).isGreaterThanOrEqualTo(370);
    }

    @Test
    void servicesAreCreatedThenDeployedAndEventsArePut() throws Exception {
        Scenario s = scenario("""
                services:
                  - name: web
                    taskDefinition: f
                    desiredCount: 4
                    placementConstraints: [{type: memberOf, expression: "attribute:ecs.availability-zone == a"}]
                    deployments: [{at: 50ms, taskDefinition: g}, {at: 100ms, desiredCount: 6}]
                events:
                  - name: jobs
                    detailType: Job
                    detail: {kind: k}
                    eventsPerSecond: 100
                    total: 12
                    target: {taskDefinition: f}
                """, "{concurrency: 4, maxRequests: 20}");
        FakeApi api = new FakeApi();
        WorkloadLedger ledger = run(s, api, new RequestGate(4, 20));
        assertThat(api.calls).contains("POST /v1/clusters/c/services", "PATCH /v1/clusters/c/services/web");
        List<JsonNode> patches = api.bodies.stream().filter(b -> b.has("forceNewDeployment") || b.path("taskDefinition").asText().equals("arn:g")).toList();
        assertThat(patches).hasSize(2);
        assertThat(patches).anySatisfy(b -> assertThat(b.path("desiredCount").asInt()).isEqualTo(6));
        List<JsonNode> events = api.bodies.stream().filter(b -> b.has("Entries")).toList();
        assertThat(events.stream().mapToInt(b -> b.path("Entries").size()).sum()).isEqualTo(12);
        JsonNode entry = events.get(0).path("Entries").get(0);
        assertThat(entry.path("Source").asText()).isEqualTo("longshore.loadtest.r1");
        assertThat(entry.path("DetailType").asText()).isEqualTo("Job");
        assertThat(Json.MAPPER.readTree(entry.path("Detail").asText()).path("kind").asText()).isEqualTo("k");
        assertThat(ledger.eventsAcceptedCount()).isEqualTo(12);
        assertThat(ledger.constraintsByGroup()).containsKey("service:web");
    }

    @Test
    void aRefusedCallIsCountedAsFailed() throws Exception {
        Scenario s = scenario("""
                runTasks:
                  - {name: r, taskDefinition: f, total: 20}
                """, "{concurrency: 1, maxRequests: 5}");
        HttpTransport refusing = (method, path, body) -> CompletableFuture.completedFuture(
                new HttpTransport.ApiResponse(400, Json.MAPPER.createObjectNode().put("message", "count: too big")));
        WorkloadLedger ledger = new WorkloadLedger();
        new WorkloadDriver(s, new LongshoreClient(refusing), "c", Map.of("f", "arn:f"), "default", "src", "r1",
                new RequestGate(1, 5), ledger, Clock.systemUTC()).start().get(10, TimeUnit.SECONDS);
        assertThat(ledger.failedCount()).isEqualTo(2);
        assertThat(ledger.failures()).containsEntry("RunTask HTTP 400", 2L);
        assertThat(ledger.errors().get(0)).contains("count: too big");
    }
}
