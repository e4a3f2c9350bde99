package io.longshore.controlplane.store;

import io.longshore.controlplane.domain.AutoScalingGroup;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An auto scaling group's row; {@link #toDomain()} and {@link #set} map it to and from the domain record. */
@Entity
@Table(name = "auto_scaling_group")
public class AutoScalingGroupEntity {
    @Id
    public String name;
    public String arn;
    @Column(name = "min_size")
    public int minSize;
    @Column(name = "max_size")
    public int maxSize;
    @Column(name = "desired_capacity")
    public int desiredCapacity;
    @Column(name = "instance_cpu")
    public int instanceCpu;
    @Column(name = "instance_memory")
    public int instanceMemory;
    /** JSON object of the custom attributes every host registers with. */
    public String attributes;
    public String provisioner;
    /** JSON array of the host ids of the autoscaler's last GroupStatus. */
    public String instances;
    @Column(name = "status_at")
    public Instant statusAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public AutoScalingGroup toDomain() {
        return new AutoScalingGroup(name, arn, minSize, maxSize, desiredCapacity, instanceCpu, instanceMemory,
                JsonColumns.attributes(attributes), provisioner, JsonColumns.strings(instances), statusAt, createdAt,
                updatedAt);
    }

    public AutoScalingGroupEntity set(AutoScalingGroup g) {
        name = g.name();
        arn = g.arn();
        minSize = g.minSize();
        maxSize = g.maxSize();
        desiredCapacity = g.desiredCapacity();
        instanceCpu = g.instanceCpu();
        instanceMemory = g.instanceMemory();
        attributes = JsonColumns.write(new java.util.TreeMap<>(g.attributes()));
        provisioner = g.provisioner();
        instances = JsonColumns.write(g.instances());
        statusAt = g.statusAt();
        createdAt = g.createdAt();
        updatedAt = g.updatedAt();
        return this;
    }
}
