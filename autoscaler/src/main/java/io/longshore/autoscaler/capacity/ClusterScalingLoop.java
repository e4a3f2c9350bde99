package io.longshore.autoscaler.capacity;

import io.longshore.autoscaler.capacity.ClusterScaling.Drain;
import io.longshore.autoscaler.capacity.ClusterScaling.Termination;
import io.longshore.autoscaler.hosts.HostIds;
import io.longshore.autoscaler.hosts.HostLaunch;
import io.longshore.autoscaler.hosts.HostProvisioner;
import io.longshore.autoscaler.hosts.HostProvisioners;
import io.longshore.autoscaler.hosts.ProvisionedHost;
import io.longshore.autoscaler.messaging.ScalingPublisher;
import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.ClusterCapacity.ProviderInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Every capacity interval, for each capacity provider associated with a cluster: asks its
 * provisioner for the group's hosts, lets {@link ClusterScaler} decide, and carries that out:
 * terminates hosts (then deregisters their instances), publishes the drains, launches hosts, and
 * publishes the group's status. One group's failure does not stop the others'.
 */
@ApplicationScoped
public class ClusterScalingLoop {
    private static final Logger LOG = Logger.getLogger(ClusterScalingLoop.class);

    private final CapacityState state;
    private final ClusterScaler scaler;
    private final HostProvisioners provisioners;
    private final ScalingPublisher publisher;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Integer> unplaceableReported = new HashMap<>();

    public ClusterScalingLoop(CapacityState state, ClusterScaler scaler, HostProvisioners provisioners,
                              ScalingPublisher publisher, Clock clock, MeterRegistry meters) {
        this.state = state;
        this.scaler = scaler;
        this.provisioners = provisioners;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(every = "${longshore.autoscaler.capacity-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!state.isCaughtUp()) {
            return; // the drains already asked for are not known yet
        }
        for (CapacityState.GroupView view : state.groupViews()) {
            try {
                scale(view);
            } catch (RuntimeException e) {
                LOG.warnf(e, "cluster scaling of %s failed; the next round retries", view.key());
            }
        }
    }

    private void scale(CapacityState.GroupView view) {
        CapacityProviderSpec spec = view.spec();
        String name = spec.autoScalingGroup().provisioner();
        Optional<HostProvisioner> found = provisioners.get(name);
        if (found.isEmpty()) {
            LOG.warnf("capacity provider %s: no provisioner %s (docker or process)", spec.name(), name);
            return;
        }
        HostProvisioner provisioner = found.get();
        String group = ClusterScaler.groupName(spec);
        List<ProvisionedHost> hosts = provisioner.hosts(group);
        ClusterScaling scaling = scaler.decide(spec, hosts, view.capacity(), view.drainRequested(),
                view.belowTargetSince());
        state.belowTargetSince(view.key(), scaling.belowTargetSince());
        reportUnplaceable(view.key(), scaling.unplaceable(), spec);

        Set<String> failed = new HashSet<>();
        for (Termination t : scaling.terminate()) {
            try {
                provisioner.terminate(t.hostId());
            } catch (RuntimeException e) {
                LOG.warnf(e, "group %s: host %s could not be terminated; the next round retries", group, t.hostId());
                failed.add(t.hostId());
                continue;
            }
            if (t.containerInstanceId() != null) {
                publish(new CapacityDecision.DeregisterInstance(spec.cluster(), spec.name(), t.containerInstanceId(),
                        "host " + t.hostId() + " terminated: " + t.reason(), clock.instant()));
            }
        }
        for (Drain d : scaling.drain()) {
            publish(new CapacityDecision.DrainInstance(spec.cluster(), spec.name(), d.containerInstanceId(), d.reason(),
                    clock.instant()));
        }
        if (!scaling.launch().isEmpty()) {
            Set<String> used = provisioners.usedBindIps();
            for (String hostId : scaling.launch()) {
                try {
                    String bindIp = provisioners.nextBindIp(used);
                    used.add(bindIp);
                    Map<String, String> attributes = new HashMap<>(spec.autoScalingGroup().attributes() == null
                            ? Map.of() : spec.autoScalingGroup().attributes());
                    attributes.put(HostIds.ATTRIBUTE, hostId);
                    provisioner.launch(new HostLaunch(group, hostId, spec.cluster(), spec.name(),
                            spec.autoScalingGroup().instanceCpu(), spec.autoScalingGroup().instanceMemory(),
                            attributes, bindIp));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "group %s: host %s could not be launched; the next round retries", group, hostId);
                    failed.add(hostId);
                }
            }
        }
        CapacityDecision.GroupStatus status = scaling.status(failed);
        publisher.publish(status);
        if (status.activity() != null) {
            meters.counter("longshore.autoscaler.capacity.activities", "group", group).increment();
            LOG.infof("group %s (%s): %s (%s)", group, view.key(), status.activity().description(),
                    status.activity().cause());
        }
        if (view.capacity() != null) {
            state.forgetDrainsExcept(view.key(),
                    view.capacity().instances().stream().map(ProviderInstance::containerInstanceId).toList());
        }
    }

    private void publish(CapacityDecision decision) {
        publisher.publish(decision);
        state.apply(decision);
    }

    private void reportUnplaceable(String key, int unplaceable, CapacityProviderSpec spec) {
        Integer before = unplaceableReported.put(key, unplaceable);
        if (unplaceable > 0 && (before == null || before != unplaceable)) {
            LOG.warnf("%s: %d waiting tasks need more than a host of group %s offers (%d CPU units, %d MiB)", key,
                    unplaceable, ClusterScaler.groupName(spec), spec.autoScalingGroup().instanceCpu(),
                    spec.autoScalingGroup().instanceMemory());
        }
    }
}
