package io.longshore.controlplane.domain;

import java.util.List;

/** RunTask's {@code overrides}. */
public record TaskOverride(List<ContainerOverride> containerOverrides) {

    public List<ContainerOverride> containerOverridesOrEmpty() {
        return containerOverrides == null ? List.of() : containerOverrides;
    }
}
