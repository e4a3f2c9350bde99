package io.longshore.common.messaging;

import io.longshore.common.model.InstanceStatus;
import java.time.Instant;
import java.util.List;

/**
 * What one capacity provider's part of a cluster holds and lacks, as the scheduler that owns the
 * cluster sees it, on the compacted {@link Topics#CLUSTER_CAPACITY}, keyed
 * {@code <cluster>/<capacityProviderName>}. Published whenever it changes; the autoscaler sizes the
 * provider's group from it.
 *
 * @param provisioning the provider's tasks waiting in PROVISIONING for room, oldest first
 * @param instances    the provider's registered container instances that are not INACTIVE
 */
public record ClusterCapacity(
        int schemaVersion,
        String cluster,
        String capacityProviderName,
        List<WaitingTask> provisioning,
        List<ProviderInstance> instances,
        Instant at) {
    public static final int SCHEMA_VERSION = 1;

    public ClusterCapacity(String cluster, String capacityProviderName, List<WaitingTask> provisioning,
                           List<ProviderInstance> instances, Instant at) {
        this(SCHEMA_VERSION, cluster, capacityProviderName, provisioning, instances, at);
    }

    public String key() {
        return MessageKeys.of(cluster, capacityProviderName);
    }

    /** A task waiting for room: what it reserves. */
    public record WaitingTask(String taskId, int cpu, int memory, Instant since) {
    }

    /**
     * One instance of the provider.
     *
     * @param freeCpu        CPU units no task holds
     * @param freeMemory     MiB no task holds
     * @param tasks          tasks on it that are not STOPPED
     * @param nonDaemonTasks of those, the ones that are not a DAEMON service's: an instance with any is
     *                       never terminated
     * @param hostId         the {@code longshore.host-id} attribute the provisioner gave the host (null: none)
     */
    public record ProviderInstance(String containerInstanceId, InstanceStatus status, boolean agentConnected,
                                   int freeCpu, int freeMemory, int tasks, int nonDaemonTasks, String hostId,
                                   Instant registeredAt) {
    }
}
