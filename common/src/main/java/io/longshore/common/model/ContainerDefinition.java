package io.longshore.common.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/**
 * One container of a task definition, with ECS's member names.
 *
 * @param imagePullPolicy a Longshore extension (ECS has none): {@link #IF_NOT_PRESENT} (the default:
 *                        an image already in the engine is not pulled again) or {@link #ALWAYS} (pulled
 *                        at every task start, e.g. for a moving tag)
 */
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
        HealthCheck healthCheck,
        String imagePullPolicy) {
    public static final String IF_NOT_PRESENT = "IF_NOT_PRESENT";
    public static final String ALWAYS = "ALWAYS";

    public ContainerDefinition(String name, String image, Integer cpu, Integer memory, Integer memoryReservation,
                               List<PortMapping> portMappings, Boolean essential, List<KeyValuePair> environment,
                               List<String> command, List<String> entryPoint, String workingDirectory,
                               Integer stopTimeout, Map<String, String> dockerLabels, HealthCheck healthCheck) {
        this(name, image, cpu, memory, memoryReservation, portMappings, essential, environment, command, entryPoint,
                workingDirectory, stopTimeout, dockerLabels, healthCheck, null);
    }

    public ContainerDefinition(String name, String image, Integer cpu, Integer memory, Integer memoryReservation,
                               List<PortMapping> portMappings, Boolean essential, List<KeyValuePair> environment,
                               List<String> command, List<String> entryPoint, String workingDirectory,
                               Integer stopTimeout, Map<String, String> dockerLabels) {
        this(name, image, cpu, memory, memoryReservation, portMappings, essential, environment, command, entryPoint,
                workingDirectory, stopTimeout, dockerLabels, null, null);
    }

    @JsonIgnore // a derived view, not a member of the JSON
    public boolean isEssential() {
        return essential == null || essential;
    }

    /** The pull policy, {@link #IF_NOT_PRESENT} when none is given. */
    public String imagePullPolicyOrDefault() {
        return imagePullPolicy == null ? IF_NOT_PRESENT : imagePullPolicy;
    }

    public List<PortMapping> portMappingsOrEmpty() {
        return portMappings == null ? List.of() : portMappings;
    }
}
