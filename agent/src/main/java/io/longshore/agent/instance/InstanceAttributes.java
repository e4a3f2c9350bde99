package io.longshore.agent.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The attributes a container instance offers to placement constraints: ECS's built-in ones, which
 * the agent knows, plus the ones configured as {@code name=value,name2=value2}.
 */
public final class InstanceAttributes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9\\-_/.]{1,128}");

    private InstanceAttributes() {
    }

    /** Parses {@code name=value,...}; names 1-128 of {@code [A-Za-z0-9-_/.]}, values 1-128 characters, as in ECS. */
    public static Map<String, String> parse(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return attributes;
        }
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("longshore.agent.attributes: '" + entry.trim()
                        + "' is not name=value");
            }
            String name = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("longshore.agent.attributes: name '" + name
                        + "' must be 1-128 characters of letters, digits, '-', '_', '/' or '.'");
            }
            if (value.isEmpty() || value.length() > 128) {
                throw new IllegalArgumentException("longshore.agent.attributes: the value of '" + name
                        + "' must be 1-128 characters");
            }
            attributes.put(name, value);
        }
        return attributes;
    }

    /** ECS's built-in attributes for this host, then the configured ones (which may override them). */
    public static Map<String, String> of(String osArch, Optional<String> configured) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ecs.os-type", "linux");
        attributes.put("ecs.cpu-architecture", cpuArchitecture(osArch));
        attributes.put("ecs.instance-type", "local");
        attributes.put("ecs.ami-id", "none");
        attributes.putAll(parse(configured.orElse("")));
        return attributes;
    }

    /** ECS names architectures as AWS does: x86_64 and arm64. */
    public static String cpuArchitecture(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch;
        };
    }
}
