package io.longshore.scheduler.placement;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.InstanceUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The placement engine as it was first written: streams, a copy of every instance's usage per
 * decision, a comparator chain. Slow (about 250 decisions/s on 5,000 instances) but plainly ECS's
 * rules, so it is kept as the oracle {@link EngineMatchesReferenceTest} compares the fast engine
 * with. memberOf goes through the same {@link MemberOfFilter}. Change both together.
 */
final class ReferencePlacementEngine {
    public static final String NO_INSTANCES = "No Container Instances were found in your cluster";
    public static final String NO_ACTIVE_AGENT = "AGENT";
    public static final String RESOURCE_CPU = "RESOURCE:CPU";
    public static final String RESOURCE_MEMORY = "RESOURCE:MEMORY";
    public static final String RESOURCE_PORTS = "RESOURCE:PORTS";
    public static final String DISTINCT_INSTANCE = "DistinctInstance placement constraint unsatisfied";

    private final Random random;

    ReferencePlacementEngine(Random random) {
        this.random = random;
    }

    public List<PlacementResult> place(List<TaskSpec> tasks, List<PlacementConstraint> constraints,
                                       List<PlacementStrategy> strategies, ClusterState state) {
        List<PlacementConstraint> allConstraints = constraints == null ? List.of() : constraints;
        Map<String, InstanceUsage> tentative = new HashMap<>();
        List<PlacementResult> results = new ArrayList<>();
        for (TaskSpec task : tasks) {
            PlacementResult result = placeOne(task, allConstraints, strategies, state, tentative);
            if (result.isPlaced()) {
                tentative.get(result.allocation().containerInstanceId()).add(result.allocation());
            }
            results.add(result);
        }
        return results;
    }

    private PlacementResult placeOne(TaskSpec task, List<PlacementConstraint> constraints,
                                     List<PlacementStrategy> strategies, ClusterState state,
                                     Map<String, InstanceUsage> tentative) {
        if (state.instances().isEmpty()) {
            return PlacementResult.failed(task, NO_INSTANCES);
        }
        List<Candidate> candidates = state.instances().stream()
                .filter(InstanceState::acceptsPlacements)
                .map(i -> new Candidate(i, tentative.computeIfAbsent(i.containerInstanceId(),
                        id -> state.usage(id).copy())))
                .toList();
        if (candidates.isEmpty()) {
            return PlacementResult.failed(task, NO_ACTIVE_AGENT);
        }
        String group = task.group();
        boolean distinct = constraints.stream().anyMatch(c -> "distinctInstance".equals(c.type()));
        List<Filter> filters = new ArrayList<>(List.of(
                new Filter(RESOURCE_CPU, c -> c.remainingCpu() >= task.requiredCpu()),
                new Filter(RESOURCE_MEMORY, c -> c.remainingMemory() >= task.requiredMemory()),
                new Filter(RESOURCE_PORTS, c -> assignPortsRef(task, c).isPresent())));
        if (distinct) {
            filters.add(new Filter(DISTINCT_INSTANCE, c -> c.usage().tasksOfGroup(group) == 0));
        }
        for (MemberOfFilter m : MemberOfFilter.of(constraints)) {
            filters.add(new Filter(m.reason(), c -> m.accepts(c.instance(), c.usage())));
        }
        for (Filter filter : filters) {
            candidates = candidates.stream().filter(filter.accepts()::test).toList();
            if (candidates.isEmpty()) {
                return PlacementResult.failed(task, filter.reason());
            }
        }
        Candidate best = candidates.stream().min(ranking(strategies, group, candidates)).orElseThrow();
        List<HostPort> ports = assignPortsRef(task, best).orElseThrow();
        return PlacementResult.placed(task, new Allocation(best.id(), task.requiredCpu(), task.requiredMemory(),
                ports, group));
    }

    private record Filter(String reason, java.util.function.Predicate<Candidate> accepts) {
    }

    /**
     * Orders candidates by the strategies in turn. With no strategy, as ECS does for services:
     * the availability zone, then the instance, with the fewest tasks of the group.
     */
    private Comparator<Candidate> ranking(List<PlacementStrategy> strategies, String group,
                                          List<Candidate> candidates) {
        List<PlacementStrategy> chain = strategies == null || strategies.isEmpty()
                ? List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                        new PlacementStrategy("spread", "instanceId"))
                : strategies;
        Comparator<Candidate> comparator = (a, b) -> 0;
        for (PlacementStrategy strategy : chain) {
            comparator = comparator.thenComparingInt(score(strategy, group, candidates));
        }
        return comparator.thenComparing(Candidate::id);
    }

    private ToIntFunction<Candidate> score(PlacementStrategy strategy, String group, List<Candidate> candidates) {
        String field = strategy.field() == null ? "" : strategy.field();
        return switch (strategy.type()) {
            case "binpack" -> "cpu".equalsIgnoreCase(field) ? Candidate::remainingCpu : Candidate::remainingMemory;
            case "random" -> {
                Map<String, Integer> keys = new HashMap<>();
                candidates.forEach(c -> keys.put(c.id(), random.nextInt()));
                yield c -> keys.get(c.id());
            }
            case "spread" -> {
                if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
                    yield c -> c.usage().tasksOfGroup(group);
                }
                String attribute = field.startsWith("attribute:") ? field.substring("attribute:".length()) : field;
                Map<String, Integer> perValue = new HashMap<>();
                for (Candidate c : candidates) {
                    perValue.merge(String.valueOf(c.attribute(attribute)), c.usage().tasksOfGroup(group), Integer::sum);
                }
                yield c -> perValue.get(String.valueOf(c.attribute(attribute)));
            }
            default -> c -> 0;
        };
    }

    /**
     * The host ports the task would get on this instance, in the order of its port mappings:
     * static ports if free, dynamic ones from the ephemeral range; empty if they cannot all be had.
     */
    static Optional<List<HostPort>> assignPortsRef(TaskSpec task, Candidate candidate) {
        List<PortMapping> mappings = task.portMappings();
        if (mappings.isEmpty()) {
            return Optional.of(List.of());
        }
        Set<HostPort> taken = new HashSet<>(candidate.usage().ports());
        List<Integer> reserved = Objects.requireNonNullElse(candidate.instance().resources().reservedPorts(), List.of());
        List<HostPort> assigned = new ArrayList<>();
        for (PortMapping mapping : mappings) {
            if (mapping.isDynamic()) {
                continue;
            }
            HostPort port = new HostPort(mapping.hostPort(), mapping.protocolOrDefault());
            if (reserved.contains(port.port()) || !taken.add(port)) {
                return Optional.empty();
            }
        }
        int next = candidate.instance().resources().ephemeralPortFrom();
        int last = candidate.instance().resources().ephemeralPortTo();
        for (PortMapping mapping : mappings) {
            if (!mapping.isDynamic()) {
                assigned.add(new HostPort(mapping.hostPort(), mapping.protocolOrDefault()));
                continue;
            }
            HostPort port = null;
            for (; next <= last && port == null; next++) {
                HostPort tried = new HostPort(next, mapping.protocolOrDefault());
                if (!reserved.contains(next) && !taken.contains(tried)) {
                    port = tried;
                }
            }
            if (port == null) {
                return Optional.empty();
            }
            taken.add(port);
            assigned.add(port);
        }
        return Optional.of(assigned);
    }

    /** An instance that could take the task, with its usage including this round's tentative holdings. */
    record Candidate(InstanceState instance, InstanceUsage usage) {
        String id() {
            return instance.containerInstanceId();
        }

        int remainingCpu() {
            return instance.resources().cpu() - usage.cpu();
        }

        int remainingMemory() {
            return instance.resources().memory() - usage.memory();
        }

        String attribute(String name) {
            return instance.attributes() == null ? null : instance.attributes().get(name);
        }
    }
}
