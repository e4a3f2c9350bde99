package io.longshore.controlplane.api;

import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.domain.CapacityProvider;
import io.longshore.controlplane.store.AutoScalingActivityEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Cluster auto scaling's response shapes: auto scaling groups (EC2 Auto Scaling's members, camelCase)
 * and capacity providers (ECS's CapacityProvider). The requests are in the domain package.
 */
public final class CapacityProviderDtos {
    private CapacityProviderDtos() {
    }

    public record InstanceType(int cpu, int memory) {
    }

    /**
     * A group as it stands: the sizes, and the hosts the autoscaler last said it has. {@code status} is
     * ACTIVE (a group is deleted at once).
     */
    public record AutoScalingGroupView(String autoScalingGroupName, String autoScalingGroupArn, int minSize,
                                       int maxSize, int desiredCapacity, InstanceType instanceType,
                                       Map<String, String> attributes, String provisioner, List<String> instances,
                                       String status, Instant createdTime) {
        static AutoScalingGroupView of(AutoScalingGroup g) {
            return new AutoScalingGroupView(g.name(), g.arn(), g.minSize(), g.maxSize(), g.desiredCapacity(),
                    new InstanceType(g.instanceCpu(), g.instanceMemory()), g.attributes(), g.provisioner(),
                    g.instances(), "ACTIVE", g.createdAt());
        }
    }

    public record AutoScalingGroupResponse(AutoScalingGroupView autoScalingGroup) {
        static AutoScalingGroupResponse of(AutoScalingGroup g) {
            return new AutoScalingGroupResponse(AutoScalingGroupView.of(g));
        }
    }

    public record AutoScalingGroupsResponse(List<AutoScalingGroupView> autoScalingGroups) {
    }

    /** One scaling activity of a group, as EC2 Auto Scaling words it. */
    public record ActivityView(String activityId, String autoScalingGroupName, String description, String cause,
                               Instant startTime, String statusCode) {
        static ActivityView of(AutoScalingActivityEntity a) {
            return new ActivityView(a.activityId, a.autoScalingGroupName, a.description, a.cause, a.startTime,
                    a.statusCode);
        }
    }

    public record ActivitiesResponse(List<ActivityView> activities) {
    }

    public record AutoScalingGroupProviderView(String autoScalingGroupArn,
                                               CapacityProvider.ManagedScaling managedScaling,
                                               String managedTerminationProtection) {
    }

    /** ECS's CapacityProvider. */
    public record CapacityProviderView(String capacityProviderArn, String name, String status,
                                       AutoScalingGroupProviderView autoScalingGroupProvider, String updateStatus) {
        static CapacityProviderView of(CapacityProvider p) {
            return new CapacityProviderView(p.arn(), p.name(), p.status(),
                    new AutoScalingGroupProviderView(p.autoScalingGroupArn(), p.managedScaling(),
                            p.managedTerminationProtection()), p.updateStatus());
        }
    }

    public record CapacityProviderResponse(CapacityProviderView capacityProvider) {
        static CapacityProviderResponse of(CapacityProvider p) {
            return new CapacityProviderResponse(CapacityProviderView.of(p));
        }
    }

    public record CapacityProvidersResponse(List<CapacityProviderView> capacityProviders) {
    }
}
