package io.longshore.controlplane.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.events.BusEvent;
import io.longshore.common.events.EventEnvelope;
import io.longshore.common.messaging.ImageActionEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.controlplane.domain.ServiceArns;
import io.longshore.controlplane.store.ContainerInstanceEntity;
import io.longshore.controlplane.store.JsonColumns;
import io.longshore.controlplane.store.TaskEntity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Longshore's own events for the default bus, with the detail-types, sources and detail members ECS
 * and ECR use, so a rule written for theirs matches ours. Ids are derived from what happened (task and
 * version, image event id), so an event announced twice is one event to the rules.
 */
public final class BuiltInEvents {
    public static final String TASK_STATE_CHANGE = "ECS Task State Change";
    public static final String ECS_SOURCE = "aws.ecs";

    private BuiltInEvents() {
    }

    /** "ECS Task State Change" for a task row as it stands after a report changed it. */
    public static BusEvent taskStateChange(TaskEntity task, Instant now) {
        String taskArn = Arns.task(task.cluster, task.id);
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("clusterArn", Arns.cluster(task.cluster));
        detail.put("taskArn", taskArn);
        detail.put("taskDefinitionArn", task.taskDefinitionArn);
        if (task.containerInstanceId != null) {
            detail.put("containerInstanceArn", Arns.containerInstance(task.cluster, task.containerInstanceId));
        }
        detail.put("group", task.groupName);
        if (task.startedBy != null) {
            detail.put("startedBy", task.startedBy);
        }
        detail.put("launchType", "EC2");
        detail.put("lastStatus", task.lastStatus);
        detail.put("desiredStatus", task.desiredStatus);
        detail.put("cpu", Integer.toString(task.cpu));
        detail.put("memory", Integer.toString(task.memory));
        detail.set("containers", containers(task, taskArn));
        detail.put("createdAt", string(task.createdAt));
        putIfSet(detail, "startedAt", task.startedAt);
        putIfSet(detail, "stoppingAt", task.stoppingAt);
        putIfSet(detail, "stoppedAt", task.stoppedAt);
        if (task.stopCode != null) {
            detail.put("stopCode", task.stopCode);
        }
        if (task.stoppedReason != null) {
            detail.put("stoppedReason", task.stoppedReason);
        }
        detail.put("updatedAt", string(now));
        detail.put("version", task.version);
        String id = deterministicId("task/" + task.id + "/" + task.version);
        return new BusEvent(BusEvent.DEFAULT_BUS,
                EventEnvelope.of(id, TASK_STATE_CHANGE, ECS_SOURCE, now, List.of(taskArn), detail), now, null);
    }

    /** "ECS Container Instance State Change" for an instance as it stands after a change. */
    public static BusEvent instanceStateChange(ContainerInstanceEntity row, Instant now) {
        String arn = Arns.containerInstance(row.cluster, row.id);
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("agentConnected", row.agentConnected);
        ArrayNode attributes = detail.putArray("attributes");
        row.allAttributes().forEach((name, value) -> attributes.addObject().put("name", name).put("value", value));
        detail.put("clusterArn", Arns.cluster(row.cluster));
        detail.put("containerInstanceArn", arn);
        ArrayNode registered = detail.putArray("registeredResources");
        registered.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", row.cpu);
        registered.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", row.memory);
        detail.put("status", row.status);
        detail.putObject("versionInfo").put("agentVersion", row.agentVersion);
        Instant updated = row.updatedAt == null ? now : row.updatedAt;
        detail.put("updatedAt", updated.toString());
        String id = deterministicId("instance/" + row.cluster + "/" + row.id + "/" + updated + "/" + row.status + "/"
                + row.agentConnected + "/" + row.allAttributes());
        return new BusEvent(BusEvent.DEFAULT_BUS, EventEnvelope.of(id, "ECS Container Instance State Change", ECS_SOURCE,
                now, List.of(arn), detail), now, null);
    }

    /**
     * "ECS Service Action" for a line of a service's event log, with ECS's eventType and eventName
     * where the line is one ECS names (steady state, placement failure), SERVICE_EVENT otherwise.
     */
    public static BusEvent serviceAction(ServiceEvent event, Instant now) {
        String serviceArn = ServiceArns.of(event.cluster(), event.serviceName());
        String message = event.message();
        String name = "SERVICE_EVENT";
        String type = "INFO";
        if (message.contains("steady state")) {
            name = "SERVICE_STEADY_STATE";
        } else if (message.contains("unable to place")) {
            name = "SERVICE_TASK_PLACEMENT_FAILURE";
            type = "WARN";
        } else if (message.contains("rolled back") || message.contains("failed")) {
            name = "SERVICE_DEPLOYMENT_FAILED";
            type = "ERROR";
        } else if (message.contains("completed")) {
            name = "SERVICE_DEPLOYMENT_COMPLETED";
        }
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("eventType", type);
        detail.put("eventName", name);
        detail.put("clusterArn", Arns.cluster(event.cluster()));
        detail.put("message", message);
        Instant created = event.createdAt() == null ? now : event.createdAt();
        detail.put("createdAt", created.toString());
        return new BusEvent(BusEvent.DEFAULT_BUS, EventEnvelope.of(deterministicId("service-event/" + event.id()),
                "ECS Service Action", ECS_SOURCE, created, List.of(serviceArn), detail), now, null);
    }

    /** ECR's "ECR Image Action", from the registry's event. */
    public static BusEvent imageAction(ImageActionEvent event, Instant now) {
        ObjectNode detail = Json.MAPPER.valueToTree(event.detail());
        Instant time = event.time() == null ? now : event.time();
        return new BusEvent(BusEvent.DEFAULT_BUS, EventEnvelope.of(deterministicId("ecr/" + event.id()),
                ImageActionEvent.DETAIL_TYPE, ImageActionEvent.SOURCE, time, List.of(), detail), now, null);
    }

    /** A UUID-shaped id that is the same whenever the same thing is announced. */
    public static String deterministicId(String what) {
        return UUID.nameUUIDFromBytes(what.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ArrayNode containers(TaskEntity task, String taskArn) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        List<ContainerState> states = JsonColumns.containerStates(task.containers);
        if (!states.isEmpty()) {
            for (ContainerState c : states) {
                ObjectNode node = list.addObject();
                node.put("containerArn", taskArn + "/" + c.name());
                node.put("name", c.name());
                node.put("image", c.image());
                node.put("taskArn", taskArn);
                if (c.lastStatus() != null) {
                    node.put("lastStatus", c.lastStatus().name());
                }
                if (c.exitCode() != null) {
                    node.put("exitCode", c.exitCode());
                }
                if (c.reason() != null) {
                    node.put("reason", c.reason());
                }
                if (c.runtimeId() != null) {
                    node.put("runtimeId", c.runtimeId());
                }
            }
            return list;
        }
        // Not reported yet: the containers the task will have, all in the task's status.
        TaskSpec spec = JsonColumns.taskSpec(task.spec);
        if (spec != null) {
            spec.containers().forEach(c -> {
                ObjectNode node = list.addObject();
                node.put("containerArn", taskArn + "/" + c.name());
                node.put("name", c.name());
                node.put("image", c.image());
                node.put("taskArn", taskArn);
                node.put("lastStatus", task.lastStatus);
            });
        }
        return list;
    }

    private static void putIfSet(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.put(name, string(value));
        }
    }

    private static String string(Instant value) {
        return value == null ? null : value.toString();
    }
}
