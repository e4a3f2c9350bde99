package io.longshore.loadtest.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.loadtest.scenario.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The public API calls the load generator makes, with the bodies the control plane reads
 * (control-plane's api resources and domain requests): ECS's lower-camel names, EventBridge's
 * upper-camel ones for events and rules.
 */
public final class LongshoreClient {
    private final HttpTransport http;

    public LongshoreClient(HttpTransport http) {
        this.http = http;
    }

    public CompletableFuture<HttpTransport.ApiResponse> createCluster(String name) {
        return http.send("POST", "/v1/clusters", object().put("clusterName", name));
    }

    public CompletableFuture<HttpTransport.ApiResponse> describeCluster(String name) {
        return http.send("GET", "/v1/clusters/" + enc(name), null);
    }

    public CompletableFuture<HttpTransport.ApiResponse> registerTaskDefinition(Scenario.TaskDefinitionPlan plan) {
        ObjectNode body = object().put("family", plan.family());
        body.set("containerDefinitions", plan.containerDefinitions());
        if (plan.cpu() != null) {
            body.put("cpu", plan.cpu());
        }
        if (plan.memory() != null) {
            body.put("memory", plan.memory());
        }
        if (plan.networkMode() != null) {
            body.put("networkMode", plan.networkMode());
        }
        return http.send("POST", "/v1/task-definitions", body);
    }

    public CompletableFuture<HttpTransport.ApiResponse> runTask(String cluster, String taskDefinitionArn, int count,
                                                               String group, String startedBy,
                                                               List<PlacementConstraint> constraints,
                                                               List<PlacementStrategy> strategy) {
        ObjectNode body = object().put("taskDefinition", taskDefinitionArn).put("count", count).put("startedBy", startedBy);
        if (group != null) {
            body.put("group", group);
        }
        placement(body, "placementConstraints", "placementStrategy", constraints, strategy);
        return http.send("POST", "/v1/clusters/" + enc(cluster) + "/tasks", body);
    }

    public CompletableFuture<HttpTransport.ApiResponse> describeTask(String cluster, String taskId) {
        return http.send("GET", "/v1/clusters/" + enc(cluster) + "/tasks/" + enc(taskId), null);
    }

    public CompletableFuture<HttpTransport.ApiResponse> createService(String cluster, Scenario.ServicePlan service,
                                                                     String taskDefinitionArn) {
        ObjectNode body = object().put("serviceName", service.name()).put("taskDefinition", taskDefinitionArn)
                .put("desiredCount", service.desiredCount());
        placement(body, "placementConstraints", "placementStrategy", service.placementConstraints(), service.placementStrategy());
        return http.send("POST", "/v1/clusters/" + enc(cluster) + "/services", body);
    }

    /** @param taskDefinitionArn null: force a new deployment of the same definition */
    public CompletableFuture<HttpTransport.ApiResponse> updateService(String cluster, String service,
                                                                     String taskDefinitionArn, Integer desiredCount) {
        ObjectNode body = object();
        if (taskDefinitionArn != null) {
            body.put("taskDefinition", taskDefinitionArn);
        } else {
            body.put("forceNewDeployment", true);
        }
        if (desiredCount != null) {
            body.put("desiredCount", desiredCount);
        }
        return http.send("PATCH", "/v1/clusters/" + enc(cluster) + "/services/" + enc(service), body);
    }

    public CompletableFuture<HttpTransport.ApiResponse> putRule(String bus, String rule, JsonNode eventPattern) {
        ObjectNode body = object().put("State", "ENABLED").put("Description", "Longshore load test");
        body.set("EventPattern", eventPattern);
        return http.send("PUT", "/v1/event-buses/" + enc(bus) + "/rules/" + enc(rule), body);
    }

    /** One ECS RunTask target on the cluster (its ARN) running the target plan's task definition. */
    public CompletableFuture<HttpTransport.ApiResponse> putEcsTarget(String bus, String rule, String targetId,
                                                                    String clusterArn, String taskDefinitionArn,
                                                                    Scenario.EventTargetPlan target) {
        ObjectNode ecs = object().put("TaskDefinitionArn", taskDefinitionArn).put("TaskCount", target.taskCount());
        if (target.group() != null) {
            ecs.put("Group", target.group());
        }
        placement(ecs, "PlacementConstraints", "PlacementStrategy", target.placementConstraints(), target.placementStrategy());
        ObjectNode t = object().put("Id", targetId).put("Arn", clusterArn);
        t.set("EcsParameters", ecs);
        ObjectNode body = object();
        body.putArray("Targets").add(t);
        return http.send("PUT", "/v1/event-buses/" + enc(bus) + "/rules/" + enc(rule) + "/targets", body);
    }

    public CompletableFuture<HttpTransport.ApiResponse> removeTarget(String bus, String rule, String targetId) {
        return http.send("DELETE", "/v1/event-buses/" + enc(bus) + "/rules/" + enc(rule) + "/targets/" + enc(targetId), null);
    }

    public CompletableFuture<HttpTransport.ApiResponse> deleteRule(String bus, String rule) {
        return http.send("DELETE", "/v1/event-buses/" + enc(bus) + "/rules/" + enc(rule), null);
    }

    /** PutEvents of these entries (EventBridge's shape: Source, DetailType, Detail as JSON text, EventBusName). */
    public CompletableFuture<HttpTransport.ApiResponse> putEvents(String bus, String source, String detailType,
                                                                 List<JsonNode> details) {
        ObjectNode body = object();
        ArrayNode entries = body.putArray("Entries");
        for (JsonNode detail : details) {
            entries.addObject().put("Source", source).put("DetailType", detailType)
                    .put("Detail", Json.write(detail)).put("EventBusName", bus);
        }
        return http.send("POST", "/v1/events", body);
    }

    private static void placement(ObjectNode body, String constraintsField, String strategyField,
                                  List<PlacementConstraint> constraints, List<PlacementStrategy> strategy) {
        if (!constraints.isEmpty()) {
            ArrayNode array = body.putArray(constraintsField);
            for (PlacementConstraint c : constraints) {
                ObjectNode n = array.addObject().put("type", c.type());
                if (c.expression() != null) {
                    n.put("expression", c.expression());
                }
            }
        }
        if (!strategy.isEmpty()) {
            ArrayNode array = body.putArray(strategyField);
            for (PlacementStrategy s : strategy) {
                ObjectNode n = array.addObject().put("type", s.type());
                if (s.field() != null) {
                    n.put("field", s.field());
                }
            }
        }
    }

    private static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The id at the end of an ECS ARN ({@code arn:...:task/<cluster>/<id>}), or the text itself. */
    public static String idOf(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }
}
