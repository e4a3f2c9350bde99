package io.longshore.agent.simulation;

import io.longshore.agent.metrics.UsageReporter;
import io.longshore.agent.metrics.UsageSampler;
import io.longshore.agent.runtime.ImagePuller;
import io.longshore.agent.task.MemoryTaskStore;
import io.longshore.agent.task.StateReporter;
import io.longshore.agent.task.TaskSupervisor;
import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.InstanceResources;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * One simulated container instance: the real {@link TaskSupervisor} over a
 * {@link SimulatedContainerRuntime} and a {@link MemoryTaskStore}. Once lost it is a dead host: it
 * takes no commands and its reports go nowhere.
 */
final class SimulatedHost {
    final int index;
    final String cluster;
    final String instanceId;
    final String hostname;
    final Map<String, String> attributes;
    final SimulatedContainerRuntime runtime;
    final TaskSupervisor supervisor;
    final MemoryTaskStore store;
    private final StateReporter reporter;
    private final Runnable onReport;
    /** Null unless the lifecycle publishes usage. */
    final UsageSampler usage;
    volatile boolean registered;
    volatile boolean lost;
    /** When the next watch pass must look at this host even if nothing called its runtime (SimulatedFleet#watchAll). */
    volatile Instant watchDue = Instant.MIN;
    volatile ScheduledFuture<?> heartbeat;

    SimulatedHost(int index, String cluster, String instanceId, String hostname, Map<String, String> attributes,
                  SimulatedContainerRuntime runtime, String bindIp, StateReporter reporter, Runnable onReport,
                  Executor lanes, Clock clock, UsageReporter usageReporter, int cpu, int memory) {
        this.index = index;
        this.cluster = cluster;
        this.instanceId = instanceId;
        this.hostname = hostname;
        this.attributes = Map.copyOf(attributes);
        this.runtime = runtime;
        this.reporter = reporter;
        this.onReport = onReport;
        // every image is present in the simulated engine: nothing to pull
        ImagePuller puller = (image, policy, credential) -> { };
        this.store = new MemoryTaskStore(clock);
        this.supervisor = new TaskSupervisor(instanceId, bindIp, runtime, puller, store, this::report, clock, lanes);
        // a simulated engine answers usage at once: the reads run on the sampling thread
        this.usage = usageReporter == null ? null : new UsageSampler(instanceId, supervisor::runningTasks, runtime,
                sample -> {
                    if (!lost) {
                        usageReporter.report(sample);
                    }
                }, clock, cpu, memory, Runnable::run);
    }

    InstanceEvent.Registered registration(String agentVersion, String bindIp, InstanceResources resources, Instant now) {
        return new InstanceEvent.Registered(cluster, instanceId, hostname, bindIp, agentVersion, resources, attributes,
                now, null);
    }

    private void report(TaskStateChange change) {
        if (lost) {
            return; // a dead host says nothing more
        }
        reporter.report(change);
        onReport.run();
    }
}
