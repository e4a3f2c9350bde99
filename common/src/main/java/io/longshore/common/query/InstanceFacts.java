package io.longshore.common.query;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a cluster query can ask about a container instance. An interface, so that a caller with
 * its own view (the scheduler's usage counters) can answer without copying; {@link #of} makes a
 * plain snapshot.
 */
public interface InstanceFacts {
    /** The container instance id (ECS's {@code ec2InstanceId} subject). */
    String instanceId();

    /** The instance's attributes, built-in and custom; never null. */
    Map<String, String> attributes();

    boolean agentConnected();

    /** May be null when the agent did not say. */
    String agentVersion();

    /** May be null when unknown. */
    Instant registeredAt();

    int runningTasksCount();

    /** The groups of the tasks on the instance; never null. */
    Set<String> taskGroups();

    static InstanceFacts of(String instanceId, Map<String, String> attributes, boolean agentConnected,
                            String agentVersion, Instant registeredAt, int runningTasksCount,
                            Set<String> taskGroups) {
        return new Snapshot(instanceId, attributes == null ? Map.of() : attributes, agentConnected, agentVersion,
                registeredAt, runningTasksCount, taskGroups == null ? Set.of() : taskGroups);
    }

    /** A plain set of facts. The collections are used as given, not copied. */
    record Snapshot(String instanceId, Map<String, String> attributes, boolean agentConnected, String agentVersion,
                    Instant registeredAt, int runningTasksCount, Set<String> taskGroups) implements InstanceFacts {
        public Snapshot {
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(taskGroups, "taskGroups");
        }
    }
}
