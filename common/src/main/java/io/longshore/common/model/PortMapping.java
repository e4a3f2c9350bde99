package io.longshore.common.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A container port and the host port it is published on; a {@code hostPort} of 0 or absent asks
 * for a dynamic port from the container instance's ephemeral range.
 */
public record PortMapping(Integer containerPort, Integer hostPort, String protocol) {

    public String protocolOrDefault() {
        return protocol == null ? "tcp" : protocol;
    }

    @JsonIgnore // a derived view, not a member of the JSON
    public boolean isDynamic() {
        return hostPort == null || hostPort == 0;
    }
}
