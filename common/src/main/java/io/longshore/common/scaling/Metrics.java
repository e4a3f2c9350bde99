package io.longshore.common.scaling;

/** Names of the metrics Longshore produces itself, in CloudWatch's terms. */
public final class Metrics {
    /** The agents' per-task usage, aggregated per service: {@link #CPU_UTILIZATION}, {@link #MEMORY_UTILIZATION}. */
    public static final String NAMESPACE_ECS = "AWS/ECS";
    public static final String CPU_UTILIZATION = "CPUUtilization";
    public static final String MEMORY_UTILIZATION = "MemoryUtilization";
    /** Kafka consumer lag that the autoscaler reads with Kafka's admin client. */
    public static final String NAMESPACE_KAFKA = "Longshore/Kafka";
    /** Total lag of a consumer group on a topic (end offsets minus committed), dimensions {@link #TOPIC}, {@link #CONSUMER_GROUP}. */
    public static final String CONSUMER_LAG = "ConsumerLag";
    public static final String TOPIC = "Topic";
    public static final String CONSUMER_GROUP = "ConsumerGroup";
    public static final String CLUSTER_NAME = "ClusterName";
    public static final String SERVICE_NAME = "ServiceName";
    /** The only scalable dimension there is, as Application Auto Scaling names it. */
    public static final String SCALABLE_DIMENSION = "ecs:service:DesiredCount";
    public static final String SERVICE_NAMESPACE = "ecs";

    private Metrics() {
    }

    /** Application Auto Scaling's ResourceId of a service: {@code service/<cluster>/<service>}. */
    public static String resourceId(String cluster, String serviceName) {
        return "service/" + cluster + "/" + serviceName;
    }
}
