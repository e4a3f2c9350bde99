package io.longshore.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.longshore.common.messaging.TaskRequest;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to place and run one task: the task definition's containers with the RunTask
 * overrides already applied, and the task-level cpu/memory and network mode.
 *
 * @param registryCredentials short-lived, pull-only credentials for the registries the containers'
 *                            images name (one per registry host), issued by the control plane; empty
 *                            when no image is in a registry it issues credentials for. Never shown by
 *                            the API.
 * @param capacityProviderName the capacity provider the task runs on (from RunTask's or the service's
 *                            capacity provider strategy): it is placed only on that provider's
 *                            instances and waits in PROVISIONING while none has room. Null: any instance.
 * @param placementConstraints the constraints it is placed under, carried only while it waits in
 *                            PROVISIONING, so that a restarted scheduler still honours them
 * @param placementStrategy   the strategy likewise
 */
public record TaskSpec(
        String cluster,
        String taskId,
        String taskArn,
        String taskDefinitionArn,
        String family,
        String group,
        String startedBy,
        String networkMode,
        Integer cpu,
        Integer memory,
        List<ContainerDefinition> containers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RegistryCredential> registryCredentials,
        @JsonInclude(JsonInclude.Include.NON_NULL) String capacityProviderName,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TaskRequest.PlacementConstraint> placementConstraints,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TaskRequest.PlacementStrategy> placementStrategy) {

    public TaskSpec {
        registryCredentials = registryCredentials == null ? List.of() : List.copyOf(registryCredentials);
        placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
        placementStrategy = placementStrategy == null ? List.of() : List.copyOf(placementStrategy);
    }

    /** A spec for any instance, placed under the request's constraints. */
    public TaskSpec(String cluster, String taskId, String taskArn, String taskDefinitionArn, String family,
                    String group, String startedBy, String networkMode, Integer cpu, Integer memory,
                    List<ContainerDefinition> containers, List<RegistryCredential> registryCredentials) {
        this(cluster, taskId, taskArn, taskDefinitionArn, family, group, startedBy, networkMode, cpu, memory,
                containers, registryCredentials, null, List.of(), List.of());
    }

    /** A spec without registry credentials. */
    public TaskSpec(String cluster, String taskId, String taskArn, String taskDefinitionArn, String family,
                    String group, String startedBy, String networkMode, Integer cpu, Integer memory,
                    List<ContainerDefinition> containers) {
        this(cluster, taskId, taskArn, taskDefinitionArn, family, group, startedBy, networkMode, cpu, memory,
                containers, List.of());
    }

    /** The same spec with other registry credentials (none: {@code List.of()}). */
    public TaskSpec withRegistryCredentials(List<RegistryCredential> credentials) {
        return new TaskSpec(cluster, taskId, taskArn, taskDefinitionArn, family, group, startedBy, networkMode, cpu,
                memory, containers, credentials, capacityProviderName, placementConstraints, placementStrategy);
    }

    /** The same spec on this capacity provider (null: any instance). */
    public TaskSpec withCapacityProviderName(String provider) {
        return new TaskSpec(cluster, taskId, taskArn, taskDefinitionArn, family, group, startedBy, networkMode, cpu,
                memory, containers, registryCredentials, provider, placementConstraints, placementStrategy);
    }

    /** The same spec carrying the constraints and strategy it waits to be placed under. */
    public TaskSpec withPlacement(List<TaskRequest.PlacementConstraint> constraints,
                                  List<TaskRequest.PlacementStrategy> strategy) {
        return new TaskSpec(cluster, taskId, taskArn, taskDefinitionArn, family, group, startedBy, networkMode, cpu,
                memory, containers, registryCredentials, capacityProviderName, constraints, strategy);
    }

    /** The credential for the registry the image names, if the spec carries one. */
    public Optional<RegistryCredential> credentialFor(String image) {
        return registryCredentials.stream().filter(c -> c.servesImage(image)).findFirst();
    }

    /** CPU units the task reserves: the task-level value, else the sum of its containers'. */
    public int requiredCpu() {
        if (cpu != null) {
            return cpu;
        }
        return containers.stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
    }

    /** Memory (MiB) the task reserves: task level, else per container the hard limit or reservation. */
    public int requiredMemory() {
        if (memory != null) {
            return memory;
        }
        return containers.stream()
                .mapToInt(c -> c.memory() != null ? c.memory() : c.memoryReservation() == null ? 0 : c.memoryReservation())
                .sum();
    }

    /**
     * All port mappings of all containers, in container order. In host mode the container port is
     * the host port; in none mode nothing is published.
     */
    public List<PortMapping> portMappings() {
        if ("none".equals(networkMode)) {
            return List.of();
        }
        var mappings = containers.stream().flatMap(c -> c.portMappingsOrEmpty().stream());
        if ("host".equals(networkMode)) {
            mappings = mappings.map(p -> new PortMapping(p.containerPort(), p.containerPort(), p.protocol()));
        }
        return mappings.toList();
    }
}
