package io.longshore.common.model;

/**
 * ARNs in ECS's shape. Longshore is a single local "account" in a single "region"; keeping the
 * ARN format lets the AWS-compatible face hand them to AWS clients unchanged.
 */
public final class Arns {
    public static final String REGION = "local";
    public static final String ACCOUNT = "000000000000";
    private static final String PREFIX = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":";
    private static final String EVENTS_PREFIX = "arn:aws:events:" + REGION + ":" + ACCOUNT + ":";

    private Arns() {
    }

    public static String cluster(String cluster) {
        return PREFIX + "cluster/" + cluster;
    }

    public static String task(String cluster, String taskId) {
        return PREFIX + "task/" + cluster + "/" + taskId;
    }

    public static String containerInstance(String cluster, String instanceId) {
        return PREFIX + "container-instance/" + cluster + "/" + instanceId;
    }

    public static String taskDefinition(String family, int revision) {
        return PREFIX + "task-definition/" + family + ":" + revision;
    }

    public static String eventBus(String bus) {
        return EVENTS_PREFIX + "event-bus/" + bus;
    }

    /** As EventBridge: {@code rule/<name>} on the default bus, {@code rule/<bus>/<name>} on another. */
    public static String eventRule(String bus, String rule) {
        return EVENTS_PREFIX + "rule/" + ("default".equals(bus) ? "" : bus + "/") + rule;
    }

    /** The last path segment of an ARN, or the value itself when it is already a plain id. */
    public static String lastSegment(String arnOrId) {
        int slash = arnOrId.lastIndexOf('/');
        return slash < 0 ? arnOrId : arnOrId.substring(slash + 1);
    }
}
