package io.longshore.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.QuerySyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a scenario (YAML, or JSON, which is YAML too) and checks it whole: every problem is
 * collected with the path of its field, so one run of the tool lists them all.
 */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> STRATEGY_TYPES = Set.of("spread", "binpack", "random");
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "cluster", "seed", "duration", "settle",
            "limits", "hosts", "lifecycle", "taskDefinitions", "workload", "invariants");

    private final List<String> problems = new ArrayList<>();

    private ScenarioLoader() {
    }

    /**
     * A scenario by file path, or by name among the files of {@code scenarioDirs}
     * ({@code <name>.yaml}, {@code .yml}, {@code .json}).
     */
    public static Path resolve(String nameOrPath, List<Path> scenarioDirs) {
        Path direct = Path.of(nameOrPath);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        for (Path dir : scenarioDirs) {
            for (String ext : List.of(".yaml", ".yml", ".json")) {
                Path candidate = dir.resolve(nameOrPath + ext);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new ScenarioException(nameOrPath, List.of("no such file, and no scenario of that name in " + scenarioDirs));
    }

    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        String fallbackName = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return parse(text, file.toString(), fallbackName);
    }

    /** @param fallbackName the name when the scenario gives none (its file's base name) */
    public static Scenario parse(String text, String source, String fallbackName) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new ScenarioException(source, List.of("is not valid YAML or JSON: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source, List.of("must be a mapping (object) at the top"));
        }
        ScenarioLoader loader = new ScenarioLoader();
        Scenario scenario = loader.read((ObjectNode) root, fallbackName);
        if (!loader.problems.isEmpty()) {
            throw new ScenarioException(source, loader.problems);
        }
        return scenario;
    }

    private Scenario read(ObjectNode root, String fallbackName) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!TOP_LEVEL.contains(field)) {
                problems.add(field + ": unknown field (known: " + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL)) + ")");
            }
        }
        String name = text(root, "name", "name", fallbackName);
        String cluster = text(root, "cluster", "cluster", name);
        if (cluster != null && !cluster.matches("[A-Za-z0-9_-]{1,200}")) {
            problems.add("cluster: must be letters, digits, hyphens or underscores (at most 200)");
        }
        long seed = root.path("seed").isMissingNode() ? 42 : longValue(root.get("seed"), "seed");
        Duration duration = duration(root, "duration", "duration", null);
        Duration settle = duration(root, "settle", "settle", Duration.ofSeconds(30));

        JsonNode limitsNode = root.path("limits");
        int concurrency = intIn(limitsNode, "concurrency", "limits.concurrency", 16, 1, 1024);
        int maxRequests = intIn(limitsNode, "maxRequests", "limits.maxRequests", 100_000, 1, 10_000_000);

        JsonNode hosts = root.get("hosts");
        int hostCount = 0;
        if (hosts == null || !hosts.isObject()) {
            problems.add("hosts: required, a mapping with at least count (passed to the simulated fleet)");
        } else {
            hostCount = intIn(hosts, "count", "hosts.count", -1, 1, 1_000_000);
        }
        JsonNode lifecycle = root.get("lifecycle");
        if (lifecycle != null && !lifecycle.isObject()) {
            problems.add("lifecycle: must be a mapping (passed to the simulated fleet)");
        }

        List<Scenario.TaskDefinitionPlan> definitions = list(root.path("taskDefinitions"), "taskDefinitions", this::taskDefinition);
        if (definitions.isEmpty()) {
            problems.add("taskDefinitions: at least one is required");
        }
        Set<String> families = new HashSet<>();
        for (Scenario.TaskDefinitionPlan d : definitions) {
            if (d.family() != null && !families.add(d.family())) {
                problems.add("taskDefinitions: family " + d.family() + " appears twice");
            }
        }

        JsonNode workload = root.path("workload");
        if (!workload.isMissingNode() && !workload.isObject()) {
            problems.add("workload: must be a mapping with runTasks, services and/or events");
        }
        List<Scenario.RunTaskPhase> runTasks = list(workload.path("runTasks"), "workload.runTasks", this::runTaskPhase);
        List<Scenario.ServicePlan> services = list(workload.path("services"), "workload.services", this::service);
        List<Scenario.EventStream> events = list(workload.path("events"), "workload.events", this::eventStream);
        if (runTasks.isEmpty() && services.isEmpty() && events.isEmpty()) {
            problems.add("workload: needs at least one of runTasks, services, events");
        }
        runTasks.forEach(p -> knownFamily(families, p.taskDefinition(), "workload.runTasks[" + p.name() + "].taskDefinition"));
        for (Scenario.ServicePlan s : services) {
            knownFamily(families, s.taskDefinition(), "workload.services[" + s.name() + "].taskDefinition");
            s.deployments().forEach(d -> d.taskDefinition().ifPresent(f ->
                    knownFamily(families, f, "workload.services[" + s.name() + "].deployments.taskDefinition")));
        }
        events.forEach(e -> knownFamily(families, e.target().taskDefinition(), "workload.events[" + e.name() + "].target.taskDefinition"));
        uniqueNames(runTasks.stream().map(Scenario.RunTaskPhase::name).toList(), "workload.runTasks");
        uniqueNames(services.stream().map(Scenario.ServicePlan::name).toList(), "workload.services");
        uniqueNames(events.stream().map(Scenario.EventStream::name).toList(), "workload.events");

        Set<InvariantName> invariants = invariants(root.get("invariants"));
        if (duration == null && !root.hasNonNull("duration")) {
            problems.add("duration: required (the run stops by itself then), e.g. 60s");
        }
        Scenario scenario = new Scenario(name, text(root, "description", "description", ""), cluster, seed, duration,
                settle, new Scenario.Limits(concurrency, maxRequests), hostCount, hosts, lifecycle,
                definitions, runTasks, services, events, invariants);
        if (problems.isEmpty() && scenario.plannedRequests() > maxRequests) {
            problems.add("limits.maxRequests: the workload needs " + scenario.plannedRequests()
                    + " requests, more than the bound " + maxRequests);
        }
        return scenario;
    }

    private Scenario.TaskDefinitionPlan taskDefinition(JsonNode node, String path) {
        String family = text(node, "family", path + ".family", null);
        if (family != null && !family.matches("[A-Za-z0-9_-]{1,255}")) {
            problems.add(path + ".family: must be letters, digits, hyphens or underscores");
        }
        JsonNode containers = node.get("containerDefinitions");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            problems.add(path + ".containerDefinitions: required, a non-empty list (passed to the API as written)");
            return new Scenario.TaskDefinitionPlan(family, null, null, null, containers, 0, 0);
        }
        String cpu = scalarText(node.get("cpu"));
        String memory = scalarText(node.get("memory"));
        int shapeCpu = cpu != null ? units(cpu, path + ".cpu") : sum(containers, "cpu", null);
        int shapeMemory = memory != null ? units(memory, path + ".memory") : sum(containers, "memory", "memoryReservation");
        if (shapeMemory <= 0) {
            problems.add(path + ".memory: the task needs memory, at task level or on each container");
        }
        return new Scenario.TaskDefinitionPlan(family, cpu, memory, scalarText(node.get("networkMode")), containers,
                shapeCpu, shapeMemory);
    }

    private Scenario.RunTaskPhase runTaskPhase(JsonNode node, String path) {
        String name = text(node, "name", path + ".name", null);
        String family = text(node, "taskDefinition", path + ".taskDefinition", null);
        Duration at = duration(node, "at", path + ".at", Duration.ZERO);
        int total = intIn(node, "total", path + ".total", -1, 1, 10_000_000);
        int perCall = intIn(node, "perCall", path + ".perCall", 10, 1, 10);
        Optional<Double> rate = Optional.empty();
        if (node.has("tasksPerSecond")) {
            double r = node.get("tasksPerSecond").asDouble(-1);
            if (!node.get("tasksPerSecond").isNumber() || r <= 0) {
                problems.add(path + ".tasksPerSecond: must be a positive number (leave it out for a burst)");
            }
            rate = Optional.of(r);
        }
        String group = text(node, "group", path + ".group", "");
        return new Scenario.RunTaskPhase(name, family, at, total, perCall, rate, group.isEmpty() ? null : group,
                constraints(node.path("placementConstraints"), path + ".placementConstraints"),
                strategies(node.path("placementStrategy"), path + ".placementStrategy"));
    }

    private Scenario.ServicePlan service(JsonNode node, String path) {
        String name = text(node, "name", path + ".name", null);
        String family = text(node, "taskDefinition", path + ".taskDefinition", null);
        int desired = intIn(node, "desiredCount", path + ".desiredCount", -1, 0, 1_000_000);
        Duration at = duration(node, "at", path + ".at", Duration.ZERO);
        List<Scenario.DeploymentStep> steps = list(node.path("deployments"), path + ".deployments", (d, p) -> {
            Duration stepAt = duration(d, "at", p + ".at", null);
            if (stepAt == null) {
                problems.add(p + ".at: required");
            } else if (stepAt.compareTo(at) <= 0) {
                problems.add(p + ".at: must be after the service's own at (" + Durations.format(at) + ")");
            }
            String td = text(d, "taskDefinition", p + ".taskDefinition", "");
            Optional<Integer> count = d.has("desiredCount")
                    ? Optional.of(intIn(d, "desiredCount", p + ".desiredCount", 0, 0, 1_000_000)) : Optional.empty();
            return new Scenario.DeploymentStep(stepAt, td.isEmpty() ? Optional.empty() : Optional.of(td), count);
        });
        return new Scenario.ServicePlan(name, family, desired, at,
                constraints(node.path("placementConstraints"), path + ".placementConstraints"),
                strategies(node.path("placementStrategy"), path + ".placementStrategy"), steps);
    }

    private Scenario.EventStream eventStream(JsonNode node, String path) {
        String name = text(node, "name", path + ".name", null);
        String detailType = text(node, "detailType", path + ".detailType", "Load Test Job");
        JsonNode detail = node.has("detail") ? node.get("detail") : YAML.createObjectNode();
        if (!detail.isObject()) {
            problems.add(path + ".detail: must be a mapping (the event's detail)");
        }
        Duration at = duration(node, "at", path + ".at", Duration.ZERO);
        double rate = node.path("eventsPerSecond").asDouble(-1);
        if (!node.path("eventsPerSecond").isNumber() || rate <= 0) {
            problems.add(path + ".eventsPerSecond: required, a positive number");
        }
        int total = intIn(node, "total", path + ".total", -1, 1, 10_000_000);
        JsonNode t = node.path("target");
        if (!t.isObject()) {
            problems.add(path + ".target: required, a mapping with taskDefinition (the rule's ECS RunTask target)");
        }
        String family = text(t, "taskDefinition", path + ".target.taskDefinition", null);
        int taskCount = intIn(t, "taskCount", path + ".target.taskCount", 1, 1, 10);
        String group = text(t, "group", path + ".target.group", "");
        Scenario.EventTargetPlan target = new Scenario.EventTargetPlan(family, taskCount, group.isEmpty() ? null : group,
                constraints(t.path("placementConstraints"), path + ".target.placementConstraints"),
                strategies(t.path("placementStrategy"), path + ".target.placementStrategy"));
        return new Scenario.EventStream(name, detailType, detail, at, rate, total, target);
    }

    private List<PlacementConstraint> constraints(JsonNode node, String path) {
        return list(node, path, (c, p) -> {
            String type = text(c, "type", p + ".type", null);
            String expression = scalarText(c.get("expression"));
            if ("memberOf".equals(type)) {
                if (expression == null) {
                    problems.add(p + ".expression: required for memberOf");
                } else {
                    try {
                        ClusterQuery.parse(expression);
                    } catch (QuerySyntaxException e) {
                        problems.add(p + ".expression: " + e.getMessage());
                    }
                }
            } else if ("distinctInstance".equals(type)) {
                if (expression != null) {
                    problems.add(p + ".expression: distinctInstance takes none");
                }
            } else if (type != null) {
                problems.add(p + ".type: must be memberOf or distinctInstance, was " + type);
            }
            return new PlacementConstraint(type, expression);
        });
    }

    private List<PlacementStrategy> strategies(JsonNode node, String path) {
        return list(node, path, (s, p) -> {
            String type = text(s, "type", p + ".type", null);
            String field = scalarText(s.get("field"));
            if (type != null && !STRATEGY_TYPES.contains(type)) {
                problems.add(p + ".type: must be spread, binpack or random, was " + type);
            }
            if ("binpack".equals(type) && field != null && !Set.of("cpu", "memory").contains(field)) {
                problems.add(p + ".field: binpack takes cpu or memory");
            }
            if ("spread".equals(type) && field == null) {
                problems.add(p + ".field: spread needs a field, e.g. attribute:ecs.availability-zone or instanceId");
            }
            return new PlacementStrategy(type, field);
        });
    }

    private Set<InvariantName> invariants(JsonNode node) {
        if (node == null) {
            return EnumSet.allOf(InvariantName.class);
        }
        Set<InvariantName> names = EnumSet.noneOf(InvariantName.class);
        if (!node.isArray()) {
            problems.add("invariants: must be a list of " + List.of(InvariantName.values()));
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            String n = node.get(i).asText();
            try {
                names.add(InvariantName.valueOf(n));
            } catch (IllegalArgumentException e) {
                problems.add("invariants[" + i + "]: unknown invariant " + n + " (known: " + List.of(InvariantName.values()) + ")");
            }
        }
        return names;
    }

    // ---- small readers that record a problem instead of throwing ----

    private <T> List<T> list(JsonNode node, String path, BiFunction<JsonNode, String, T> element) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(path + ": must be a list");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problems.add(path + "[" + i + "]: must be a mapping");
                continue;
            }
            out.add(element.apply(item, path + "[" + i + "]"));
        }
        return out;
    }

    private String text(JsonNode node, String field, String path, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problems.add(path + ": required");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            problems.add(path + ": must be a string");
            return fallback;
        }
        return v.asText();
    }

    private Duration duration(JsonNode node, String field, String path, Duration fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        try {
            // a bare number is seconds
            return v.isNumber() ? Duration.ofMillis(Math.round(v.asDouble() * 1000)) : Durations.parse(v.asText());
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return fallback;
        }
    }

    /** @param fallback below {@code min} means the field is required */
    private int intIn(JsonNode node, String field, String path, int fallback, int min, int max) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (fallback < min) {
                problems.add(path + ": required");
            }
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            problems.add(path + ": must be an integer");
            return fallback;
        }
        int value = v.asInt();
        if (value < min || value > max) {
            problems.add(path + ": must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private long longValue(JsonNode v, String path) {
        if (!v.isIntegralNumber()) {
            problems.add(path + ": must be an integer");
            return 0;
        }
        return v.asLong();
    }

    private int units(String text, String path) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            problems.add(path + ": must be a whole number of CPU units or MiB here, was " + text);
            return 0;
        }
    }

    private static int sum(JsonNode containers, String field, String alternative) {
        int total = 0;
        for (JsonNode c : containers) {
            JsonNode v = c.get(field);
            if ((v == null || !v.isNumber()) && alternative != null) {
                v = c.get(alternative);
            }
            total += v != null && v.isNumber() ? v.asInt() : 0;
        }
        return total;
    }

    private static String scalarText(JsonNode v) {
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private void knownFamily(Set<String> families, String family, String path) {
        if (family != null && !families.contains(family)) {
            problems.add(path + ": no task definition of family " + family + " in taskDefinitions");
        }
    }

    private void uniqueNames(List<String> names, String path) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n != null && !seen.add(n)) {
                problems.add(path + ": name " + n + " appears twice");
            }
        }
    }
}
