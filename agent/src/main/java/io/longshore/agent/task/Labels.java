package io.longshore.agent.task;

/** The labels the agent puts on every container it creates; adoption after a restart finds containers by them. */
public final class Labels {
    public static final String CLUSTER = "longshore.cluster";
    public static final String TASK_ID = "longshore.task-id";
    public static final String TASK_ARN = "longshore.task-arn";
    public static final String CONTAINER_NAME = "longshore.container-name";
    public static final String CONTAINER_INSTANCE_ID = "longshore.container-instance-id";

    private Labels() {
    }
}
