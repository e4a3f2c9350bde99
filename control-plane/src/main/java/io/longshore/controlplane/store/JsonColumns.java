package io.longshore.controlplane.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.TaskSpec;
import io.longshore.controlplane.domain.PolicyAlarm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The JSON text columns, read and written with the same mapper as the Kafka messages. */
public final class JsonColumns {
    private static final TypeReference<List<ContainerDefinition>> CONTAINER_DEFINITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlacementConstraint>> PLACEMENT_CONSTRAINTS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlacementStrategy>> PLACEMENT_STRATEGIES = new TypeReference<>() {
    };
    private static final TypeReference<List<Deployment>> DEPLOYMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<ContainerState>> CONTAINER_STATES = new TypeReference<>() {
    };
    private static final TypeReference<List<Integer>> PORTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final TypeReference<List<PolicyAlarm>> POLICY_ALARMS = new TypeReference<>() {
    };
    private static final TypeReference<List<CapacityProviderStrategyItem>> STRATEGY = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    public static String write(Object value) {
        return value == null ? null : Json.write(value);
    }

    public static List<ContainerDefinition> containerDefinitions(String json) {
        return read(json, CONTAINER_DEFINITIONS, List.of());
    }

    public static List<PlacementConstraint> placementConstraints(String json) {
        return read(json, PLACEMENT_CONSTRAINTS, List.of());
    }

    public static List<PlacementStrategy> placementStrategies(String json) {
        return read(json, PLACEMENT_STRATEGIES, List.of());
    }

    public static DeploymentConfiguration deploymentConfiguration(String json) {
        return json == null ? null : Json.read(json, DeploymentConfiguration.class);
    }

    /** Null stays null: a service the scheduler has not reported on yet has no deployments of its own. */
    public static List<Deployment> deployments(String json) {
        return json == null ? null : read(json, DEPLOYMENTS, List.of());
    }

    public static List<ContainerState> containerStates(String json) {
        return read(json, CONTAINER_STATES, List.of());
    }

    public static List<Integer> ports(String json) {
        return read(json, PORTS, List.of());
    }

    public static Map<String, String> attributes(String json) {
        return read(json, ATTRIBUTES, Map.of());
    }

    public static List<PolicyAlarm> policyAlarms(String json) {
        return read(json, POLICY_ALARMS, List.of());
    }

    public static List<CapacityProviderStrategyItem> capacityProviderStrategy(String json) {
        return read(json, STRATEGY, List.of());
    }

    public static List<String> strings(String json) {
        return read(json, STRINGS, List.of());
    }

    /** A JSON column holding one object of {@code type}; null stays null. */
    public static <T> T object(String json, Class<T> type) {
        return json == null ? null : Json.read(json, type);
    }

    public static TaskSpec taskSpec(String json) {
        return json == null ? null : Json.read(json, TaskSpec.class);
    }

    public static Allocation allocation(String json) {
        return json == null ? null : Json.read(json, Allocation.class);
    }

    private static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isEmpty()) {
            return empty;
        }
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
