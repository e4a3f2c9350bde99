package io.longshore.autoscaler.capacity;

import io.longshore.common.messaging.CapacityDecision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one round of cluster scaling decided for one capacity provider's group: the hosts to
 * launch, the instances to drain, the hosts to terminate, and the group's status once that is done.
 *
 * @param launch            host ids of the hosts to start
 * @param drain             instances to set DRAINING (their hosts are terminated once empty)
 * @param terminate         hosts to terminate now (after which a registered one's instance is deregistered)
 * @param keptHostIds       the group's hosts that stay (draining ones included), oldest first
 * @param keptInService     how many of those are in service (not draining)
 * @param belowTargetSince  since when the reservation has been below the target, continuously (null: it is not)
 * @param unplaceable       waiting tasks no host of the group's shape could hold
 * @param actions           what the round does, in words, for its scaling activity
 */
public record ClusterScaling(String cluster, String capacityProviderName, String group, List<String> launch,
                             List<Drain> drain, List<Termination> terminate, List<String> keptHostIds,
                             int keptInService, int instancesNeeded, double reservation, Instant belowTargetSince,
                             int unplaceable, List<Action> actions, Instant at) {

    /** An instance to drain, on the host {@code hostId}. */
    public record Drain(String hostId, String containerInstanceId, String reason) {
    }

    /** A host to terminate; {@code containerInstanceId} null when it never registered. */
    public record Termination(String hostId, String containerInstanceId, String reason) {
    }

    /** One thing the round does to one host, as a scaling activity words it. */
    public record Action(String what, String hostId, String description, String cause) {
    }

    public boolean changesSomething() {
        return !actions.isEmpty();
    }

    /**
     * The group's status after the round, without what failed: a launch that failed adds no host,
     * a termination that failed leaves its host.
     */
    public CapacityDecision.GroupStatus status(Set<String> failedHostIds) {
        List<String> hostIds = new ArrayList<>(keptHostIds);
        terminate.stream().map(Termination::hostId).filter(failedHostIds::contains).forEach(hostIds::add);
        List<String> launched = launch.stream().filter(h -> !failedHostIds.contains(h)).toList();
        hostIds.addAll(launched);
        List<Action> done = actions.stream().filter(a -> !failedHostIds.contains(a.hostId())).toList();
        return new CapacityDecision.GroupStatus(cluster, capacityProviderName, group, keptInService + launched.size(),
                List.copyOf(hostIds), instancesNeeded, reservation, activity(done), at);
    }

    private CapacityDecision.Activity activity(List<Action> done) {
        if (done.isEmpty()) {
            return null;
        }
        String key = group + "|" + done.stream().map(a -> a.what() + ":" + a.hostId()).collect(Collectors.joining("|"));
        String description = String.join("; ", done.stream().map(Action::description).toList());
        Set<String> causes = new LinkedHashSet<>();
        done.forEach(a -> causes.add(a.cause()));
        return new CapacityDecision.Activity(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(),
                description, String.join("; ", causes));
    }
}
