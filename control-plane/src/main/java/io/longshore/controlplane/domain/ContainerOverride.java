package io.longshore.controlplane.domain;

import io.longshore.common.model.KeyValuePair;
import java.util.List;

/** One container's RunTask override: command replaces, environment merges by name, cpu/memory replace. */
public record ContainerOverride(
        String name,
        List<String> command,
        List<KeyValuePair> environment,
        Integer cpu,
        Integer memory) {
}
