package io.longshore.scheduler.capacity;

import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ClusterCapacity.ProviderInstance;
import io.longshore.common.messaging.ClusterCapacity.WaitingTask;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.InstanceUsage;
import io.longshore.scheduler.state.ClusterState.TrackedTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each capacity provider's part of a cluster holds and lacks, as the autoscaler sizes the
 * provider's group from it: the provider's tasks waiting in PROVISIONING, oldest first, and its
 * instances that are not INACTIVE, with the CPU and memory no task holds and how many of their
 * tasks are not a DAEMON service's (an instance with any is never terminated). Pure: read from the
 * cluster view alone.
 */
public final class ClusterCapacities {
    /** The attribute the autoscaler's provisioner gives each host it starts. */
    public static final String HOST_ID_ATTRIBUTE = "longshore.host-id";

    private ClusterCapacities() {
    }

    /** The providers that have an instance that is not INACTIVE or a waiting task, in name order. */
    public static Set<String> providers(ClusterState state) {
        Set<String> providers = new TreeSet<>();
        for (InstanceState instance : state.instances()) {
            if (instance.capacityProviderName() != null && instance.status() != InstanceStatus.INACTIVE) {
                providers.add(instance.capacityProviderName());
            }
        }
        for (ClusterState.WaitingTask waiting : state.waitingTasks()) {
            if (waiting.spec().capacityProviderName() != null) {
                providers.add(waiting.spec().capacityProviderName());
            }
        }
        return providers;
    }

    /**
     * One provider's figures.
     *
     * @param daemonGroups the task groups of the cluster's DAEMON services ({@code service:<name>})
     */
    public static ClusterCapacity of(String cluster, String provider, ClusterState state, Set<String> daemonGroups,
                                     Instant at) {
        List<WaitingTask> provisioning = new ArrayList<>();
        for (ClusterState.WaitingTask waiting : state.waitingTasks()) {
            if (provider.equals(waiting.spec().capacityProviderName())) {
                provisioning.add(new WaitingTask(waiting.spec().taskId(), waiting.spec().requiredCpu(),
                        waiting.spec().requiredMemory(), waiting.since()));
            }
        }
        List<ProviderInstance> instances = state.instances().stream()
                .filter(i -> provider.equals(i.capacityProviderName()) && i.status() != InstanceStatus.INACTIVE)
                .sorted(Comparator.comparing(InstanceState::containerInstanceId))
                .map(i -> instance(i, state, daemonGroups))
                .toList();
        return new ClusterCapacity(cluster, provider, List.copyOf(provisioning), instances, at);
    }

    private static ProviderInstance instance(InstanceState instance, ClusterState state, Set<String> daemonGroups) {
        String id = instance.containerInstanceId();
        // the index lists tasks ever placed here; only those still here and not stopped count
        List<TrackedTask> here = state.tasksOnInstance(id).stream()
                .filter(t -> t.status() != TaskStatus.STOPPED && id.equals(t.containerInstanceId()))
                .toList();
        int nonDaemon = (int) here.stream().filter(t -> t.group() == null || !daemonGroups.contains(t.group())).count();
        InstanceUsage used = state.usage(id);
        int cpu = instance.resources() == null ? 0 : instance.resources().cpu();
        int memory = instance.resources() == null ? 0 : instance.resources().memory();
        Map<String, String> attributes = instance.attributes();
        return new ProviderInstance(id, instance.status(), instance.agentConnected(), cpu - used.cpu(),
                memory - used.memory(), here.size(), nonDaemon,
                attributes == null ? null : attributes.get(HOST_ID_ATTRIBUTE), instance.registeredAt());
    }
}
