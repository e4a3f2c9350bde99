package io.longshore.common.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/** One container of a task definition, with ECS's member names. */
public record ContainerDefinition(
        String name,
        String image,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        List<PortMapping> portMappings,
        Boolean essential,
        List<KeyValuePair> environment,
        List<String> command,
        List<String> entryPoint,
        String workingDirectory,
        Integer stopTimeout,
        Map<String, String> dockerLabels,
        HealthCheck healthCheck) {

    public ContainerDefinition(String name, String image, Integer cpu, Integer memory, Integer memoryReservation,
                               List<PortMapping> portMappings, Boolean essential, List<KeyValuePair> environment,
                               List<String> command, List<String> entryPoint, String workingDirectory,
                               Integer stopTimeout, Map<String, String> dockerLabels) {
        this(name, image, cpu, memory, memoryReservation, portMappings, essential, environment, command, entryPoint,
                workingDirectory, stopTimeout, dockerLabels, null);
    }

    @JsonIgnore // a derived view, not a member of the JSON
    public boolean isEssential() {
        return essential == null || essential;
    }

    public List<PortMapping> portMappingsOrEmpty() {
        return portMappings == null ? List.of() : portMappings;
    }
}
