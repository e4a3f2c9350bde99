package io.longshore.autoscaler.capacity;

import io.longshore.autoscaler.capacity.ClusterScaling.Action;
import io.longshore.autoscaler.capacity.ClusterScaling.Drain;
import io.longshore.autoscaler.capacity.ClusterScaling.Termination;
import io.longshore.autoscaler.hosts.ProvisionedHost;
import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ClusterCapacity.ProviderInstance;
import io.longshore.common.model.InstanceStatus;
import io.longshore.scaling.capacity.CapacityPlan;
import io.longshore.scaling.capacity.CapacityPlanner;
import io.longshore.scaling.capacity.GroupHost;
import io.longshore.scaling.capacity.HostShape;
import io.longshore.scaling.capacity.ManagedScaling;
import io.longshore.scaling.capacity.TaskNeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One round of cluster scaling for one capacity provider's auto scaling group: joins the hosts the
 * provisioner runs with the instances the scheduler reports (by the {@code longshore.host-id}
 * attribute), and decides what to launch, drain and terminate.
 * <ul>
 * <li>A host that has not registered within the registration timeout is terminated (and so replaced
 *     when the group still needs it).</li>
 * <li>A host whose instance this autoscaler drained is terminated once the instance is DRAINING and
 *     runs no task other than daemon tasks; never while it runs one (managed termination protection).</li>
 * <li>Hosts above the group's maximum (or, without managed scaling, above its desired capacity) are
 *     drained, the ones with the fewest tasks first; hosts that have not registered yet go at once.</li>
 * <li>Managed scaling: {@link CapacityPlanner} binpacks the waiting tasks and keeps the
 *     CapacityProviderReservation at the target; it removes empty hosts only once the reservation
 *     has been below the target for {@code scaleInAfter} (ECS: 15 minutes of datapoints).</li>
 * <li>Managed scaling disabled: the group keeps its desired capacity, within [min, max].</li>
 * </ul>
 * Pure: time from the clock, new host ids from the supplier.
 */
public final class ClusterScaler {
    private final Clock clock;
    private final Duration scaleInAfter;
    private final Duration registrationTimeout;
    private final Supplier<String> newHostId;

    public ClusterScaler(Clock clock, Duration scaleInAfter, Duration registrationTimeout, Supplier<String> newHostId) {
        this.clock = clock;
        this.scaleInAfter = scaleInAfter;
        this.registrationTimeout = registrationTimeout;
        this.newHostId = newHostId;
    }

    /**
     * @param hosts            the provisioner's live hosts of the group
     * @param capacity         the scheduler's latest figures for (cluster, provider); null: none yet
     * @param drainRequested   instances this autoscaler asked the control plane to drain
     * @param belowTargetSince since when the reservation has been below the target (null: it was not last round)
     */
    public ClusterScaling decide(CapacityProviderSpec spec, List<ProvisionedHost> hosts, ClusterCapacity capacity,
                                 Set<String> drainRequested, Instant belowTargetSince) {
        Instant now = clock.instant();
        CapacityProviderSpec.AutoScalingGroup asg = spec.autoScalingGroup();
        String group = groupName(spec);
        Map<String, ProviderInstance> byHost = new HashMap<>();
        if (capacity != null) {
            capacity.instances().stream().filter(i -> i.hostId() != null).forEach(i -> byHost.put(i.hostId(), i));
        }
        List<Termination> terminate = new ArrayList<>();
        List<Drain> drain = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        List<GroupHost> members = new ArrayList<>();

        List<ProvisionedHost> oldestFirst = new ArrayList<>(hosts);
        oldestFirst.sort(Comparator.comparing(ProvisionedHost::launchedAt).thenComparing(ProvisionedHost::hostId));
        for (ProvisionedHost host : oldestFirst) {
            ProviderInstance instance = byHost.get(host.hostId());
            if (instance == null) {
                if (!now.isBefore(host.launchedAt().plus(registrationTimeout))) {
                    String cause = "host " + host.hostId() + " did not register as a container instance within "
                            + words(registrationTimeout);
                    terminate.add(new Termination(host.hostId(), null, cause));
                    actions.add(new Action("terminate", host.hostId(), "Terminating host " + host.hostId(), cause));
                } else {
                    members.add(new GroupHost(host.hostId(), null, 0, 0, 0, false, host.launchedAt()));
                }
                continue;
            }
            String id = instance.containerInstanceId();
            boolean ours = drainRequested.contains(id);
            boolean draining = ours || instance.status() == InstanceStatus.DRAINING;
            if (ours && instance.status() == InstanceStatus.DRAINING && instance.nonDaemonTasks() == 0) {
                String cause = "container instance " + id + " was drained and runs no task other than daemon tasks";
                terminate.add(new Termination(host.hostId(), id, cause));
                actions.add(new Action("terminate", host.hostId(),
                        "Terminating host " + host.hostId() + " (container instance " + id + ")", cause));
                continue;
            }
            members.add(new GroupHost(host.hostId(), id, draining ? 0 : instance.freeCpu(),
                    draining ? 0 : instance.freeMemory(), instance.nonDaemonTasks(), draining, host.launchedAt()));
        }

        boolean managed = spec.managedScaling() != null && spec.managedScaling().enabled();
        int desired = Math.max(asg.minSize(), Math.min(asg.maxSize(), asg.desiredCapacity()));
        int limit = managed ? asg.maxSize() : desired;
        String overLimitCause = managed
                ? "the group has %s, more than its maximum size " + asg.maxSize()
                : "managed scaling is off and the group has %s, more than its desired capacity " + desired;
        shrinkTo(limit, overLimitCause, members, byHost, terminate, drain, actions);

        List<TaskNeed> waiting = capacity == null ? List.of()
                : capacity.provisioning().stream().map(t -> new TaskNeed(t.cpu(), t.memory())).toList();
        HostShape shape = new HostShape(asg.instanceCpu(), asg.instanceMemory());
        int inService = (int) members.stream().filter(h -> !h.draining()).count();
        List<String> launch = new ArrayList<>();
        Instant since = null;
        CapacityPlan plan;
        if (managed) {
            CapacityProviderSpec.ManagedScaling ms = spec.managedScaling();
            ManagedScaling scaling = new ManagedScaling(ms.targetCapacity(), ms.minimumScalingStepSize(),
                    ms.maximumScalingStepSize(), Duration.ofSeconds(ms.instanceWarmupPeriod()));
            boolean sustained = belowTargetSince != null && !now.isBefore(belowTargetSince.plus(scaleInAfter));
            plan = CapacityPlanner.plan(scaling, asg.minSize(), asg.maxSize(), shape, members, waiting, sustained, now);
            String outCause = inService < asg.minSize()
                    ? "the group has " + hosts(inService) + ", fewer than its minimum size " + asg.minSize()
                    : figures(plan, "above", ms.targetCapacity());
            for (int i = 0; i < plan.launch(); i++) {
                launch(outCause, launch, actions);
            }
            String inCause = figures(plan, "below", ms.targetCapacity()) + ", for " + words(scaleInAfter) + " or longer";
            for (String hostId : plan.terminate()) {
                GroupHost host = members.stream().filter(h -> h.hostId().equals(hostId)).findFirst().orElseThrow();
                drain(host, inCause, members, drain, actions);
            }
            // below the target since then, unless this round took hosts away: the next needs a whole period again
            if (plan.reservation() < ms.targetCapacity() && plan.terminate().isEmpty()) {
                since = belowTargetSince != null ? belowTargetSince : now;
            }
        } else {
            plan = CapacityPlanner.plan(new ManagedScaling(ManagedScaling.DEFAULT_TARGET_CAPACITY, 1, 1, Duration.ZERO),
                    asg.minSize(), asg.maxSize(), shape, members, waiting, false, now);
            String cause = "managed scaling is off and the group has " + hosts(inService)
                    + ", fewer than its desired capacity " + desired;
            for (int i = inService; i < desired; i++) {
                launch(cause, launch, actions);
            }
        }

        List<String> kept = members.stream().map(GroupHost::hostId).toList();
        int keptInService = (int) members.stream().filter(h -> !h.draining()).count();
        return new ClusterScaling(spec.cluster(), spec.name(), group, List.copyOf(launch), List.copyOf(drain),
                List.copyOf(terminate), kept, keptInService, plan.instancesNeeded(), plan.reservation(), since,
                plan.unplaceable(), List.copyOf(actions), now);
    }

    /** The group a provider's hosts are labelled with: its auto scaling group's name. */
    public static String groupName(CapacityProviderSpec spec) {
        CapacityProviderSpec.AutoScalingGroup asg = spec.autoScalingGroup();
        return asg != null && asg.name() != null && !asg.name().isBlank() ? asg.name() : spec.name();
    }

    /**
     * Brings the hosts in service down to {@code limit}: hosts still starting are terminated (the
     * newest first), then instances drained, those with the fewest tasks, then the newest, first.
     */
    private static void shrinkTo(int limit, String causeFormat, List<GroupHost> members,
                                 Map<String, ProviderInstance> byHost, List<Termination> terminate,
                                 List<Drain> drain, List<Action> actions) {
        List<GroupHost> inService = members.stream().filter(h -> !h.draining()).toList();
        int excess = inService.size() - limit;
        if (excess <= 0) {
            return;
        }
        String cause = String.format(causeFormat, hosts(inService.size()));
        List<GroupHost> victims = new ArrayList<>(inService);
        victims.sort(Comparator.comparing((GroupHost h) -> h.instanceId() != null)
                .thenComparingInt(GroupHost::nonDaemonTasks)
                .thenComparingInt(h -> byHost.containsKey(h.hostId()) ? byHost.get(h.hostId()).tasks() : 0)
                .thenComparing(GroupHost::launchedAt, Comparator.reverseOrder()));
        for (GroupHost host : victims.subList(0, excess)) {
            if (host.instanceId() == null) {
                members.remove(host);
                terminate.add(new Termination(host.hostId(), null, cause));
                actions.add(new Action("terminate", host.hostId(), "Terminating host " + host.hostId(), cause));
            } else {
                drain(host, cause, members, drain, actions);
            }
        }
    }

    private static void drain(GroupHost host, String cause, List<GroupHost> members, List<Drain> drain,
                              List<Action> actions) {
        members.set(members.indexOf(host), new GroupHost(host.hostId(), host.instanceId(), 0, 0,
                host.nonDaemonTasks(), true, host.launchedAt()));
        drain.add(new Drain(host.hostId(), host.instanceId(), cause));
        actions.add(new Action("drain", host.hostId(),
                "Draining host " + host.hostId() + " (container instance " + host.instanceId() + ")", cause));
    }

    private void launch(String cause, List<String> launch, List<Action> actions) {
        String hostId = newHostId.get();
        launch.add(hostId);
        actions.add(new Action("launch", hostId, "Launching a new host: " + hostId, cause));
    }

    private static String figures(CapacityPlan plan, String aboveOrBelow, int target) {
        return "CapacityProviderReservation " + percent(plan.reservation()) + " is " + aboveOrBelow + " the target "
                + target + ": " + hosts(plan.instancesNeeded()) + " needed, " + plan.instancesRunning() + " running";
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String hosts(int count) {
        return count == 1 ? "1 host" : count + " hosts";
    }

    static String words(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long seconds = d.toSeconds();
        if (seconds % 60 != 0 || seconds == 0) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = d.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
