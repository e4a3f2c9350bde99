package io.longshore.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A load-test scenario, validated. {@code hosts}, {@code lifecycle} and {@code seed} go to the
 * simulated fleet unchanged; the rest says what the load generator does and checks.
 *
 * @param cluster  the cluster name's prefix: each run makes {@code <cluster>-<runId>}
 * @param duration the hard stop: the run ends then even if tasks are still unsettled
 * @param settle   how long the run waits, once the workload is sent, for tasks to settle
 */
public record Scenario(
        String name,
        String description,
        String cluster,
        long seed,
        Duration duration,
        Duration settle,
        Limits limits,
        int hostCount,
        JsonNode hosts,
        JsonNode lifecycle,
        List<TaskDefinitionPlan> taskDefinitions,
        List<RunTaskPhase> runTasks,
        List<ServicePlan> services,
        List<EventStream> events,
        Set<InvariantName> invariants) {

    /** Bounds on what the generator sends: requests in flight at once, and requests in all. */
    public record Limits(int concurrency, int maxRequests) {
    }

    /** A task definition to register; {@code containerDefinitions} passes through to the API as written. */
    public record TaskDefinitionPlan(String family, String cpu, String memory, String networkMode,
                                     JsonNode containerDefinitions, int shapeCpu, int shapeMemory) {
    }

    /**
     * RunTask calls: {@code total} tasks, {@code perCall} at a time (ECS's count, at most 10), from
     * {@code at} on. {@code tasksPerSecond} empty: a burst, as fast as the concurrency bound lets.
     */
    public record RunTaskPhase(String name, String taskDefinition, Duration at, int total, int perCall,
                               Optional<Double> tasksPerSecond, String group,
                               List<PlacementConstraint> placementConstraints,
                               List<PlacementStrategy> placementStrategy) {
        public int calls() {
            return (total + perCall - 1) / perCall;
        }
    }

    /** A service created at {@code at}, then deployed again at each step's time. */
    public record ServicePlan(String name, String taskDefinition, int desiredCount, Duration at,
                              List<PlacementConstraint> placementConstraints,
                              List<PlacementStrategy> placementStrategy,
                              List<DeploymentStep> deployments) {
    }

    /**
     * UpdateService at {@code at}: a new task definition (or, without one, forceNewDeployment) and
     * optionally a new desired count.
     */
    public record DeploymentStep(Duration at, Optional<String> taskDefinition, Optional<Integer> desiredCount) {
    }

    /**
     * PutEvents at a steady rate against a rule whose target runs tasks. The tool makes the rule
     * (matching this run's source and the detail type) and its ECS target.
     */
    public record EventStream(String name, String detailType, JsonNode detail, Duration at, double eventsPerSecond,
                              int total, EventTargetPlan target) {
        /** Entries per PutEvents call: one at modest rates, more (at most 10) when one call per event would be many. */
        public int entriesPerCall() {
            return (int) Math.min(10, Math.max(1, Math.ceil(eventsPerSecond / 20.0)));
        }
    }

    /** The rule target's EcsParameters. */
    public record EventTargetPlan(String taskDefinition, int taskCount, String group,
                                  List<PlacementConstraint> placementConstraints,
                                  List<PlacementStrategy> placementStrategy) {
    }

    public TaskDefinitionPlan taskDefinition(String family) {
        return taskDefinitions.stream().filter(d -> d.family().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task definition " + family));
    }

    /** Tasks the RunTask phases ask for in all. */
    public int runTaskTotal() {
        return runTasks.stream().mapToInt(RunTaskPhase::total).sum();
    }

    /** Requests the workload would send if no bound cut it short. */
    public int plannedRequests() {
        int calls = runTasks.stream().mapToInt(RunTaskPhase::calls).sum();
        calls += services.stream().mapToInt(s -> 1 + s.deployments().size()).sum();
        calls += events.stream().mapToInt(e -> (e.total() + e.entriesPerCall() - 1) / e.entriesPerCall()).sum();
        return calls;
    }
}
