package io.longshore.agent.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a simulated fleet looks like and how its tasks behave, read from a JSON file:
 *
 * <pre>{@code
 * {"cluster": "c", "seed": 42,
 *  "hosts": {"count": 100, "namePrefix": "sim", "cpu": 4096, "memory": 8192,
 *            "attributes": {"ecs.availability-zone": {"local-a": 1, "local-b": 1}},
 *            "heartbeatInterval": "5s", "loss": {"at": "30s", "share": 0.1}},
 *  "lifecycle": {"startDelay": "50ms", "runDuration": "forever", "exitCodes": {"0": 95, "1": 5},
 *                "startFailureRate": 0.01, "healthCheckFailureRate": 0.0, "usage": false}}
 * }</pre>
 *
 * A duration is {@code "50ms"} (fixed), {@code {"min": "10ms", "max": "100ms"}} (uniform) or
 * {@code {"mean": "50ms"}} (exponential); a run duration may also be {@code "forever"}. Every field
 * may be left out.
 */
public record SimulationSpec(String cluster, long seed, Hosts hosts, TaskLifecycle lifecycle) {
    public static final int MAX_HOSTS = 100_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The simulated hosts.
     *
     * @param attributes per attribute name, the values hosts get and their weights
     * @param loss       hosts that die during the run, or null for none
     */
    public record Hosts(int count, String namePrefix, int cpu, int memory,
                        Map<String, WeightedChoice<String>> attributes, Duration heartbeatInterval, HostLoss loss) {
        public Hosts {
            // insertion order, not Map.copyOf's per-JVM order: a seed must draw the same values every run
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /** At {@code at} after the fleet started, a {@code share} of its hosts stop heartbeating and answering. */
    public record HostLoss(Duration at, double share) {
    }

    /** Whatever the file leaves out: the agent's own cluster and heartbeat interval. */
    public record Defaults(String cluster, Duration heartbeatInterval) {
    }

    public static SimulationSpec defaults(Defaults defaults) {
        return parse("{}", defaults);
    }

    public static SimulationSpec read(Path file, Defaults defaults) {
        try {
            return parse(Files.readString(file), defaults);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulation file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates; an error names the field and the rule it breaks. */
    public static SimulationSpec parse(String json, Defaults defaults) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        object(root, "(top level)", Set.of("cluster", "seed", "hosts", "lifecycle"));
        String cluster = text(root.get("cluster"), "cluster", defaults.cluster());
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("cluster: must not be blank");
        }
        long seed = root.has("seed") ? integer(root.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 42;
        return new SimulationSpec(cluster, seed, hosts(root.path("hosts"), defaults),
                TaskLifecycle.parse(root.path("lifecycle"), "lifecycle"));
    }

    /** The same fleet with another number of hosts (the command line's {@code --simulate N}). */
    public SimulationSpec withHostCount(int count) {
        checkCount(count);
        return new SimulationSpec(cluster, seed, new Hosts(count, hosts.namePrefix(), hosts.cpu(), hosts.memory(),
                hosts.attributes(), hosts.heartbeatInterval(), hosts.loss()), lifecycle);
    }

    private static Hosts hosts(JsonNode node, Defaults defaults) {
        object(node, "hosts", Set.of("count", "namePrefix", "cpu", "memory", "attributes", "heartbeatInterval", "loss"));
        int count = node.has("count") ? (int) integer(node.get("count"), "hosts.count", Integer.MIN_VALUE, Integer.MAX_VALUE) : 1;
        checkCount(count);
        String prefix = text(node.get("namePrefix"), "hosts.namePrefix", "sim");
        if (!prefix.matches("[A-Za-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("hosts.namePrefix: must be 1-40 letters, digits or '-', got '" + prefix + "'");
        }
        int cpu = node.has("cpu") ? (int) integer(node.get("cpu"), "hosts.cpu", 1, 1_024 * 1_024) : 4096;
        int memory = node.has("memory") ? (int) integer(node.get("memory"), "hosts.memory", 1, 64 * 1_024 * 1_024) : 8192;
        Map<String, WeightedChoice<String>> attributes = new LinkedHashMap<>();
        JsonNode attrs = node.path("attributes");
        object(attrs, "hosts.attributes", null);
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            String field = "hosts.attributes." + attribute.getKey();
            if (!attribute.getKey().matches("[A-Za-z0-9\\-_/.]{1,128}")) {
                throw new IllegalArgumentException(field + ": an attribute name is 1-128 of [A-Za-z0-9-_/.]");
            }
            attributes.put(attribute.getKey(), weights(attribute.getValue(), field, value -> value));
        }
        Duration heartbeat = node.has("heartbeatInterval")
                ? DurationDistribution.parseDuration(text(node.get("heartbeatInterval"), "hosts.heartbeatInterval", ""),
                "hosts.heartbeatInterval")
                : defaults.heartbeatInterval();
        if (heartbeat.toMillis() < 100) {
            throw new IllegalArgumentException("hosts.heartbeatInterval: must be at least 100ms");
        }
        HostLoss loss = null;
        if (node.has("loss") && !node.get("loss").isNull()) {
            JsonNode l = node.get("loss");
            object(l, "hosts.loss", Set.of("at", "share"));
            if (!l.has("at") || !l.has("share")) {
                throw new IllegalArgumentException("hosts.loss: needs both 'at' (a duration) and 'share' (0 to 1)");
            }
            loss = new HostLoss(DurationDistribution.parseDuration(text(l.get("at"), "hosts.loss.at", ""), "hosts.loss.at"),
                    rate(l.get("share"), "hosts.loss.share"));
        }
        return new Hosts(count, prefix, cpu, memory, attributes, heartbeat, loss);
    }

    private static void checkCount(int count) {
        if (count < 1 || count > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts.count: must be between 1 and " + MAX_HOSTS + ", got " + count);
        }
    }

    // ---------------------------------------------------------------- JSON helpers, shared with TaskLifecycle

    /** Fails unless {@code node} is an object (or absent) whose fields are all in {@code allowed} (null: any). */
    static void object(JsonNode node, String field, Set<String> allowed) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": must be an object");
        }
        if (allowed != null) {
            node.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    String prefix = field.startsWith("(") ? "" : field + ".";
                    throw new IllegalArgumentException(prefix + name + ": unknown field (known: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            });
        }
    }

    static String text(JsonNode node, String field, String otherwise) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return otherwise;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return node.asText();
    }

    static long integer(JsonNode node, String field, long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw new IllegalArgumentException(field + ": must be a whole number between " + min + " and " + max
                    + ", got " + node);
        }
        return node.asLong();
    }

    static double rate(JsonNode node, String field) {
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw new IllegalArgumentException(field + ": must be a number between 0 and 1, got " + node);
        }
        return node.asDouble();
    }

    static <T> WeightedChoice<T> weights(JsonNode node, String field, java.util.function.Function<String, T> key) {
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException(field + ": must be an object of values and their weights, e.g. {\"a\": 3, \"b\": 1}");
        }
        Map<T, Double> weighted = new LinkedHashMap<>();
        double total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode weight = entry.getValue();
            if (!weight.isNumber() || weight.asDouble() < 0) {
                throw new IllegalArgumentException(field + "." + entry.getKey() + ": a weight must be a non-negative number, got "
                        + weight);
            }
            weighted.put(key.apply(entry.getKey()), weight.asDouble());
            total += weight.asDouble();
        }
        if (total <= 0) {
            throw new IllegalArgumentException(field + ": at least one weight must be positive");
        }
        return WeightedChoice.of(weighted);
    }
}
