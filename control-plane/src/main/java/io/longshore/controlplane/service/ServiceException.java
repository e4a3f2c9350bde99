package io.longshore.controlplane.service;

/**
 * A request that cannot be served as asked (an unknown cluster, task or definition; a cluster
 * that still has work), with the HTTP status and ECS error type to answer with. Nothing was changed.
 */
public class ServiceException extends RuntimeException {
    private final int status;
    private final String type;

    public ServiceException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public static ServiceException clusterNotFound(String cluster) {
        return new ServiceException(404, "ClusterNotFoundException", "cluster: cluster " + cluster + " not found");
    }

    public static ServiceException taskNotFound(String cluster, String taskId) {
        return new ServiceException(404, "TaskNotFoundException",
                "task: task " + taskId + " not found in cluster " + cluster);
    }

    public static ServiceException taskDefinitionNotFound(int status, String reference) {
        return new ServiceException(status, "ClientException",
                "taskDefinition: unable to find task definition " + reference);
    }

    public static ServiceException containerInstanceNotFound(String cluster, String id) {
        return new ServiceException(404, "ClientException",
                "containerInstance: container instance " + id + " not found in cluster " + cluster);
    }
}
