package io.longshore.controlplane.domain;

import java.util.List;

/** The body of PutAttributes and DeleteAttributes (the cluster comes from the path). */
public record AttributesRequest(List<InstanceAttribute> attributes) {
}
