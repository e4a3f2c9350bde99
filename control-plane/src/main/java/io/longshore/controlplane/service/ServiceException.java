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

    public static ServiceException serviceNotFound(String cluster, String serviceName) {
        return new ServiceException(404, "ServiceNotFoundException",
                "service: service " + serviceName + " not found in cluster " + cluster);
    }

    /** UpdateService on a service that is being deleted or is gone. */
    public static ServiceException serviceNotActive(String serviceName, String status) {
        return new ServiceException(400, "ServiceNotActiveException",
                "service: service " + serviceName + " is " + status + "; only an ACTIVE service can be updated");
    }

    /** CreateService for a name an ACTIVE or DRAINING service has (ECS's own words). */
    public static ServiceException serviceNotIdempotent() {
        return new ServiceException(400, "InvalidParameterException", "Creation of service was not idempotent.");
    }

    /** DeleteService, unforced, of a service that still wants tasks (ECS's own words). */
    public static ServiceException serviceScaledAboveZero() {
        return new ServiceException(400, "InvalidParameterException",
                "The service cannot be stopped while it is scaled above 0.");
    }

    public static ServiceException containerInstanceNotFound(String cluster, String id) {
        return new ServiceException(404, "ClientException",
                "containerInstance: container instance " + id + " not found in cluster " + cluster);
    }

    /** Application Auto Scaling's answer when the target a request is about, or refers to, is not registered. */
    public static ServiceException scalableTargetNotFound(int status, String resourceId) {
        return new ServiceException(status, "ObjectNotFoundException",
                "ResourceId: no scalable target is registered for " + resourceId
                        + " (register one with PUT .../scalable-target first)");
    }

    public static ServiceException scalingPolicyNotFound(String resourceId, String policyName) {
        return new ServiceException(404, "ObjectNotFoundException",
                "PolicyName: no scaling policy " + policyName + " for " + resourceId);
    }

    public static ServiceException scheduledActionNotFound(String resourceId, String actionName) {
        return new ServiceException(404, "ObjectNotFoundException",
                "ScheduledActionName: no scheduled action " + actionName + " for " + resourceId);
    }

    /** Application Auto Scaling's quotas: policies and scheduled actions per scalable target. */
    public static ServiceException scalingLimitExceeded(String member, String resourceId, int limit, String what) {
        return new ServiceException(400, "LimitExceededException",
                member + ": " + resourceId + " has " + limit + " " + what + " already, the most a scalable target may have");
    }

    /** RegisterScalableTarget for a service that cannot be scaled (not ACTIVE, or DAEMON). */
    public static ServiceException serviceNotScalable(String serviceName, String why) {
        return new ServiceException(400, "ValidationException", "ResourceId: service " + serviceName + " " + why);
    }

    public static ServiceException autoScalingGroupNotFound(String name) {
        return new ServiceException(404, "ValidationError",
                "autoScalingGroupName: auto scaling group " + name + " not found");
    }

    public static ServiceException autoScalingGroupExists(String name) {
        return new ServiceException(409, "AlreadyExists",
                "autoScalingGroupName: an auto scaling group named " + name + " exists already");
    }

    public static ServiceException capacityProviderNotFound(String name) {
        return new ServiceException(404, "ClientException", "capacityProvider: capacity provider " + name
                + " not found");
    }

    /** A change refused because something still uses the resource (ECS's and EC2 Auto Scaling's ResourceInUse). */
    public static ServiceException resourceInUse(String field, String message) {
        return new ServiceException(409, "ResourceInUseException", field + ": " + message);
    }
}
