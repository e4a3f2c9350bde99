package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.RegistryCredential.ImageReference;
import io.longshore.controlplane.domain.RegisterTaskDefinition;
import io.longshore.controlplane.domain.TaskDefinitionDraft;
import io.longshore.controlplane.domain.TaskUnits;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * RegisterTaskDefinition's rules, as ECS applies them. Pure: a request in, a draft or an
 * {@link InvalidRequestException} naming every broken rule out.
 */
public final class TaskDefinitionRules {
    public static final int MAX_CONTAINERS = 10;
    public static final int MIN_MEMORY_MIB = 6;
    public static final int MAX_TASK_CPU = 196_608;
    public static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "none");
    static final String HEALTH_CHECK_CMD = "CMD";
    static final String HEALTH_CHECK_CMD_SHELL = "CMD-SHELL";
    static final String HEALTH_CHECK_NONE = "NONE";
    static final Set<String> PULL_POLICIES = Set.of(ContainerDefinition.IF_NOT_PRESENT, ContainerDefinition.ALWAYS);

    private TaskDefinitionRules() {
    }

    public static TaskDefinitionDraft validate(RegisterTaskDefinition request) {
        Violations v = new Violations();
        if (request == null) {
            v.add("family", "is required");
            v.throwIfAny(InvalidRequestException.CLIENT_EXCEPTION);
        }
        v.name("family", request.family());

        String networkMode = request.networkMode() == null ? "bridge" : request.networkMode();
        if (!NETWORK_MODES.contains(networkMode)) {
            v.add("networkMode", "must be bridge, host or none");
        }
        Integer taskCpu = null;
        if (request.cpu() != null) {
            OptionalInt cpu = TaskUnits.cpu(request.cpu());
            if (cpu.isEmpty() || cpu.getAsInt() < 1 || cpu.getAsInt() > MAX_TASK_CPU) {
                v.add("cpu", "must be a whole number of CPU units between 1 and " + MAX_TASK_CPU
                        + " (e.g. 256 or \"1 vCPU\")");
            } else {
                taskCpu = cpu.getAsInt();
            }
        }
        Integer taskMemory = null;
        if (request.memory() != null) {
            OptionalInt memory = TaskUnits.memory(request.memory());
            if (memory.isEmpty()) {
                v.add("memory", "must be a whole number of MiB (e.g. 512 or \"2 GB\")");
            } else if (memory.getAsInt() < MIN_MEMORY_MIB) {
                v.add("memory", "must be at least " + MIN_MEMORY_MIB + " MiB");
            } else {
                taskMemory = memory.getAsInt();
            }
        }

        List<ContainerDefinition> containers = request.containerDefinitions();
        if (containers == null || containers.isEmpty()) {
            v.add("containerDefinitions", "at least one container definition is required");
        } else if (containers.size() > MAX_CONTAINERS) {
            v.add("containerDefinitions", "at most " + MAX_CONTAINERS + " container definitions are allowed");
        } else {
            containers(v, containers, networkMode, taskCpu, taskMemory);
        }
        List<PlacementConstraint> constraints = request.placementConstraints() == null
                ? List.of() : request.placementConstraints();
        RunTaskRules.constraints(v, constraints, false); // memberOf only in a task definition, as ECS
        v.throwIfAny(InvalidRequestException.CLIENT_EXCEPTION);
        return new TaskDefinitionDraft(request.family(), List.copyOf(containers), taskCpu, taskMemory, networkMode,
                List.copyOf(constraints));
    }

    private static void containers(Violations v, List<ContainerDefinition> containers, String networkMode,
                                   Integer taskCpu, Integer taskMemory) {
        Set<String> names = new java.util.HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        Map<String, String> staticHostPorts = new HashMap<>(); // "80/tcp" -> who maps it
        boolean anyEssential = false;
        for (int i = 0; i < containers.size(); i++) {
            String p = "containerDefinitions[" + i + "]";
            ContainerDefinition c = containers.get(i);
            if (c == null) {
                v.add(p, "is required");
                continue;
            }
            v.name(p + ".name", c.name());
            if (c.name() != null && !names.add(c.name())) {
                duplicates.add(c.name());
            }
            if (Violations.isBlank(c.image())) {
                v.add(p + ".image", "is required");
            } else if (c.image().length() > 255 || c.image().chars().anyMatch(Character::isWhitespace)) {
                v.add(p + ".image", "must be an image reference of at most 255 characters without spaces");
            } else if (!parses(c.image())) {
                v.add(p + ".image", "must be an image reference: [registry/]repository[:tag][@digest]");
            }
            if (c.imagePullPolicy() != null && !PULL_POLICIES.contains(c.imagePullPolicy())) {
                v.add(p + ".imagePullPolicy", "must be IF_NOT_PRESENT or ALWAYS");
            }
            anyEssential |= c.isEssential();
            resources(v, p, c, taskCpu, taskMemory);
            ports(v, p, c, networkMode, staticHostPorts);
            environment(v, p + ".environment", c.environment());
            if (c.stopTimeout() != null && c.stopTimeout() < 0) {
                v.add(p + ".stopTimeout", "must be at least 0 seconds");
            }
            if (c.dockerLabels() != null && c.dockerLabels().keySet().stream().anyMatch(Violations::isBlank)) {
                v.add(p + ".dockerLabels", "label names must not be empty");
            }
            if (c.command() != null && c.command().contains(null)) {
                v.add(p + ".command", "must not contain null");
            }
            if (c.entryPoint() != null && c.entryPoint().contains(null)) {
                v.add(p + ".entryPoint", "must not contain null");
            }
            healthCheck(v, p + ".healthCheck", c.healthCheck());
        }
        if (!duplicates.isEmpty()) {
            v.add("containerDefinitions", "container names must be unique (" + String.join(", ", duplicates) + ")");
        }
        if (!anyEssential) {
            v.add("containerDefinitions", "at least one container must be essential");
        }
    }

    private static boolean parses(String image) {
        try {
            ImageReference.parse(image);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void resources(Violations v, String p, ContainerDefinition c, Integer taskCpu, Integer taskMemory) {
        if (c.cpu() != null) {
            if (c.cpu() < 0) {
                v.add(p + ".cpu", "must be at least 0");
            } else if (taskCpu != null && c.cpu() > taskCpu) {
                v.add(p + ".cpu", "must not exceed the task cpu (" + taskCpu + ")");
            }
        }
        boolean memoryOk = true;
        if (c.memory() != null) {
            if (c.memory() < MIN_MEMORY_MIB) {
                v.add(p + ".memory", "must be at least " + MIN_MEMORY_MIB + " MiB");
                memoryOk = false;
            } else if (taskMemory != null && c.memory() > taskMemory) {
                v.add(p + ".memory", "must not exceed the task memory (" + taskMemory + " MiB)");
            }
        }
        if (c.memoryReservation() != null) {
            if (c.memoryReservation() < MIN_MEMORY_MIB) {
                v.add(p + ".memoryReservation", "must be at least " + MIN_MEMORY_MIB + " MiB");
            } else if (c.memory() != null && memoryOk && c.memoryReservation() > c.memory()) {
                v.add(p + ".memoryReservation", "must not exceed memory (" + c.memory() + " MiB)");
            }
        }
        if (c.memory() == null && c.memoryReservation() == null && taskMemory == null) {
            v.add(p + ".memory", "is required when neither memoryReservation nor the task memory is set");
        }
    }

    private static void ports(Violations v, String p, ContainerDefinition c, String networkMode,
                              Map<String, String> staticHostPorts) {
        List<PortMapping> mappings = c.portMappings();
        if (mappings == null || mappings.isEmpty()) {
            return;
        }
        if ("none".equals(networkMode)) {
            v.add(p + ".portMappings", "must be empty when networkMode is none");
            return;
        }
        for (int j = 0; j < mappings.size(); j++) {
            String q = p + ".portMappings[" + j + "]";
            PortMapping m = mappings.get(j);
            if (m == null) {
                v.add(q, "is required");
                continue;
            }
            boolean valid = true;
            if (m.containerPort() == null) {
                v.add(q + ".containerPort", "is required");
                valid = false;
            } else if (m.containerPort() < 1 || m.containerPort() > 65535) {
                v.add(q + ".containerPort", "must be between 1 and 65535");
                valid = false;
            }
            if (m.hostPort() != null && (m.hostPort() < 0 || m.hostPort() > 65535)) {
                v.add(q + ".hostPort", "must be between 0 and 65535");
                valid = false;
            } else if ("host".equals(networkMode) && m.hostPort() != null && valid
                    && !m.hostPort().equals(m.containerPort())) {
                v.add(q + ".hostPort", "must be absent or equal to containerPort when networkMode is host");
                valid = false;
            }
            if (m.protocol() != null && !m.protocol().equals("tcp") && !m.protocol().equals("udp")) {
                v.add(q + ".protocol", "must be tcp or udp");
                valid = false;
            }
            if (!valid) {
                continue;
            }
            Integer hostPort = "host".equals(networkMode) ? m.containerPort() : m.isDynamic() ? null : m.hostPort();
            if (hostPort != null) {
                String key = hostPort + "/" + m.protocolOrDefault();
                String previous = staticHostPorts.putIfAbsent(key, q);
                if (previous != null) {
                    v.add(q + ".hostPort", "host port " + key + " is already mapped by " + previous);
                }
            }
        }
    }

    /**
     * A container health check as ECS takes it: {@code ["CMD", exe, args...]}, {@code ["CMD-SHELL", command]}
     * or {@code ["NONE"]}, and each timing within ECS's range.
     */
    static void healthCheck(Violations v, String field, HealthCheck check) {
        if (check == null) {
            return;
        }
        List<String> command = check.command();
        if (command == null || command.isEmpty()) {
            v.add(field + ".command", "is required");
        } else if (command.stream().anyMatch(Violations::isBlank)) {
            v.add(field + ".command", "must not contain empty or null elements");
        } else {
            String kind = command.get(0);
            switch (kind) {
                case HEALTH_CHECK_CMD, HEALTH_CHECK_CMD_SHELL -> {
                    if (command.size() < 2) {
                        v.add(field + ".command", "must name what to run after " + kind);
                    }
                }
                case HEALTH_CHECK_NONE -> {
                    if (command.size() > 1) {
                        v.add(field + ".command", "must have nothing after NONE");
                    }
                }
                default -> v.add(field + ".command", "must start with CMD, CMD-SHELL or NONE");
            }
        }
        range(v, field + ".interval", check.interval(), 5, 300, " seconds");
        range(v, field + ".timeout", check.timeout(), 2, 60, " seconds");
        range(v, field + ".retries", check.retries(), 1, 10, "");
        range(v, field + ".startPeriod", check.startPeriod(), 0, 300, " seconds");
    }

    private static void range(Violations v, String field, Integer value, int min, int max, String unit) {
        if (value != null && (value < min || value > max)) {
            v.add(field, "must be between " + min + " and " + max + unit);
        }
    }

    static void environment(Violations v, String field, List<KeyValuePair> environment) {
        if (environment == null) {
            return;
        }
        for (int k = 0; k < environment.size(); k++) {
            KeyValuePair kv = environment.get(k);
            if (kv == null) {
                v.add(field + "[" + k + "]", "is required");
            } else if (Violations.isBlank(kv.name())) {
                v.add(field + "[" + k + "].name", "is required");
            }
        }
    }
}
