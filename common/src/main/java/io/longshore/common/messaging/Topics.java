package io.longshore.common.messaging;

import java.util.List;

/**
 * Every Kafka topic Longshore uses. Keys are {@code <cluster>/<id>} and {@link ClusterPartitioner}
 * places all of a cluster's messages on one partition, so one consumer owns a cluster at a time
 * and sees its messages in order. docs/messaging.md describes each topic.
 */
public final class Topics {
    public static final String TASK_REQUESTS = "longshore.task-requests";
    public static final String AGENT_COMMANDS = "longshore.agent-commands";
    public static final String TASK_STATE = "longshore.task-state";
    public static final String INSTANCE_EVENTS = "longshore.instance-events";
    public static final String INSTANCE_STATE = "longshore.instance-state";
    public static final String SERVICE_SPECS = "longshore.service-specs";
    public static final String SERVICE_STATUS = "longshore.service-status";
    public static final String SERVICE_EVENTS = "longshore.service-events";
    public static final String REGISTRY_EVENTS = "longshore.registry-events";
    public static final String DEAD_LETTER = "longshore.dead-letter";
    /** Every event bus's events ({@code BusEvent}), keyed {@code <bus>/<event id>}. */
    public static final String EVENTS = "longshore.events";
    /** Event deliveries that ran out of retries or could not be made ({@code EventDeadLetter}). */
    public static final String EVENTS_DEAD_LETTER = "longshore.events-dead-letter";
    /** Raw measurements: the agents' task usage and PutMetricData's values ({@code MetricSample}). */
    public static final String METRICS = "longshore.metrics";
    /** The autoscaler's per-period datapoints of each service's metrics ({@code MetricDatapoint}). */
    public static final String METRIC_DATAPOINTS = "longshore.metric-datapoints";
    /** Scalable targets with their policies and scheduled actions ({@code ScalingTarget}), compacted. */
    public static final String SCALING_TARGETS = "longshore.scaling-targets";
    /** The autoscaler's decisions, for the control plane to carry out ({@code ScalingDecision}). */
    public static final String SCALING_DECISIONS = "longshore.scaling-decisions";

    /** Capacity providers with their auto scaling groups ({@code CapacityProviderSpec}), compacted. */
    public static final String CAPACITY_PROVIDERS = "longshore.capacity-providers";
    /** Each cluster's capacity per provider, from its scheduler ({@code ClusterCapacity}), compacted. */
    public static final String CLUSTER_CAPACITY = "longshore.cluster-capacity";
    /** Cluster scaling's drains, deregistrations and group statuses ({@code CapacityDecision}). */
    public static final String CAPACITY_DECISIONS = "longshore.capacity-decisions";

    public static final int PARTITIONS = 12;

    /** A topic and how it is created. */
    public record Definition(String name, int partitions, boolean compacted) {
    }

    public static final List<Definition> ALL = List.of(
            new Definition(TASK_REQUESTS, PARTITIONS, false),
            new Definition(AGENT_COMMANDS, PARTITIONS, false),
            new Definition(TASK_STATE, PARTITIONS, true),
            new Definition(INSTANCE_EVENTS, PARTITIONS, false),
            new Definition(INSTANCE_STATE, PARTITIONS, true),
            new Definition(SERVICE_SPECS, PARTITIONS, true),
            new Definition(SERVICE_STATUS, PARTITIONS, true),
            new Definition(SERVICE_EVENTS, PARTITIONS, false),
            new Definition(REGISTRY_EVENTS, PARTITIONS, false),
            new Definition(DEAD_LETTER, 1, false),
            new Definition(EVENTS, PARTITIONS, false),
            new Definition(EVENTS_DEAD_LETTER, 1, false),
            new Definition(METRICS, PARTITIONS, false),
            new Definition(METRIC_DATAPOINTS, PARTITIONS, false),
            new Definition(SCALING_TARGETS, PARTITIONS, true),
            new Definition(SCALING_DECISIONS, PARTITIONS, false),
            new Definition(CAPACITY_PROVIDERS, PARTITIONS, true),
            new Definition(CLUSTER_CAPACITY, PARTITIONS, true),
            new Definition(CAPACITY_DECISIONS, PARTITIONS, false));

    private Topics() {
    }
}
