package io.longshore.controlplane.store;

import java.io.Serializable;
import java.util.Objects;

/** The key of a scalable target's policy or scheduled action: unique by name within the target. */
public class TargetMemberKey implements Serializable {
    public String cluster;
    public String serviceName;
    public String name;

    public TargetMemberKey() {
    }

    public TargetMemberKey(String cluster, String serviceName, String name) {
        this.cluster = cluster;
        this.serviceName = serviceName;
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetMemberKey k && Objects.equals(cluster, k.cluster)
                && Objects.equals(serviceName, k.serviceName) && Objects.equals(name, k.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, serviceName, name);
    }
}
