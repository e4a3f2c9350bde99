package io.longshore.controlplane.api;

import io.longshore.common.scaling.Metrics;
import io.longshore.controlplane.api.ScalingDtos.MetricStatisticsResponse;
import io.longshore.controlplane.api.ScalingDtos.PutScalingPolicyResponse;
import io.longshore.controlplane.api.ScalingDtos.ScalableTargetView;
import io.longshore.controlplane.api.ScalingDtos.ScalingActivitiesResponse;
import io.longshore.controlplane.api.ScalingDtos.ScalingActivityView;
import io.longshore.controlplane.api.ScalingDtos.ScalingPoliciesResponse;
import io.longshore.controlplane.api.ScalingDtos.ScalingPolicyView;
import io.longshore.controlplane.api.ScalingDtos.ScheduledActionView;
import io.longshore.controlplane.api.ScalingDtos.ScheduledActionsResponse;
import io.longshore.controlplane.domain.PutScalingPolicy;
import io.longshore.controlplane.domain.PutScheduledAction;
import io.longshore.controlplane.domain.RegisterScalableTarget;
import io.longshore.controlplane.domain.ServiceArns;
import io.longshore.controlplane.service.MetricService;
import io.longshore.controlplane.service.ScalableTargetService;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.controlplane.validation.MetricDataRules;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Application Auto Scaling for one service (ServiceNamespace {@code ecs}, ResourceId
 * {@code service/<cluster>/<service>}, ScalableDimension {@code ecs:service:DesiredCount}):
 * the scalable target, its scaling policies and scheduled actions, the scaling activities, and the
 * service's metrics (GetMetricStatistics over the autoscaler's datapoints).
 */
@Path("/v1/clusters/{cluster}/services/{service}")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceScalingResource {
    private static final String DIMENSION_PREFIX = "dimension.";
    /** GetMetricStatistics' window when the request names none. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private final ScalableTargetService targets;
    private final MetricService metrics;
    private final Clock clock;

    public ServiceScalingResource(ScalableTargetService targets, MetricService metrics, Clock clock) {
        this.targets = targets;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** RegisterScalableTarget. */
    @PUT
    @Path("/scalable-target")
    public Uni<ScalableTargetView> registerTarget(@PathParam("cluster") String cluster,
                                                  @PathParam("service") String service,
                                                  @RequestBody(content = @Content(schema = @Schema(
                                                          implementation = RegisterScalableTarget.class))) String body) {
        RegisterScalableTarget request = RequestBodies.read(body, RegisterScalableTarget.class);
        return targets.register(cluster, service, request).map(ScalableTargetView::of);
    }

    @GET
    @Path("/scalable-target")
    public Uni<ScalableTargetView> describeTarget(@PathParam("cluster") String cluster,
                                                  @PathParam("service") String service) {
        return targets.describe(cluster, service).map(ScalableTargetView::of);
    }

    /** DeregisterScalableTarget: its policies and scheduled actions go with it. */
    @DELETE
    @Path("/scalable-target")
    public Uni<Void> deregisterTarget(@PathParam("cluster") String cluster, @PathParam("service") String service) {
        return targets.deregister(cluster, service);
    }

    @PUT
    @Path("/scaling-policies/{policyName: .+}")
    public Uni<PutScalingPolicyResponse> putPolicy(@PathParam("cluster") String cluster,
                                                   @PathParam("service") String service,
                                                   @PathParam("policyName") String policyName,
                                                   @RequestBody(content = @Content(schema = @Schema(
                                                           implementation = PutScalingPolicy.class))) String body) {
        PutScalingPolicy request = RequestBodies.read(body, PutScalingPolicy.class);
        return targets.putPolicy(cluster, service, policyName, request).map(PutScalingPolicyResponse::of);
    }

    @GET
    @Path("/scaling-policies")
    public Uni<ScalingPoliciesResponse> listPolicies(@PathParam("cluster") String cluster,
                                                     @PathParam("service") String service) {
        String resourceId = resourceId(cluster, service);
        return targets.listPolicies(cluster, service).map(list -> new ScalingPoliciesResponse(
                list.stream().map(p -> ScalingPolicyView.of(resourceId, p)).toList()));
    }

    @GET
    @Path("/scaling-policies/{policyName: .+}")
    public Uni<ScalingPolicyView> describePolicy(@PathParam("cluster") String cluster,
                                                 @PathParam("service") String service,
                                                 @PathParam("policyName") String policyName) {
        return targets.describePolicy(cluster, service, policyName)
                .map(p -> ScalingPolicyView.of(resourceId(cluster, service), p));
    }

    @DELETE
    @Path("/scaling-policies/{policyName: .+}")
    public Uni<Void> deletePolicy(@PathParam("cluster") String cluster, @PathParam("service") String service,
                                  @PathParam("policyName") String policyName) {
        return targets.deletePolicy(cluster, service, policyName);
    }

    @PUT
    @Path("/scheduled-actions/{actionName: .+}")
    public Uni<ScheduledActionView> putScheduledAction(@PathParam("cluster") String cluster,
                                                       @PathParam("service") String service,
                                                       @PathParam("actionName") String actionName,
                                                       @RequestBody(content = @Content(schema = @Schema(
                                                               implementation = PutScheduledAction.class))) String body) {
        PutScheduledAction request = RequestBodies.read(body, PutScheduledAction.class);
        return targets.putScheduledAction(cluster, service, actionName, request)
                .map(a -> ScheduledActionView.of(resourceId(cluster, service), a));
    }

    @GET
    @Path("/scheduled-actions")
    public Uni<ScheduledActionsResponse> listScheduledActions(@PathParam("cluster") String cluster,
                                                              @PathParam("service") String service) {
        String resourceId = resourceId(cluster, service);
        return targets.listScheduledActions(cluster, service).map(list -> new ScheduledActionsResponse(
                list.stream().map(a -> ScheduledActionView.of(resourceId, a)).toList()));
    }

    @GET
    @Path("/scheduled-actions/{actionName: .+}")
    public Uni<ScheduledActionView> describeScheduledAction(@PathParam("cluster") String cluster,
                                                            @PathParam("service") String service,
                                                            @PathParam("actionName") String actionName) {
        return targets.describeScheduledAction(cluster, service, actionName)
                .map(a -> ScheduledActionView.of(resourceId(cluster, service), a));
    }

    @DELETE
    @Path("/scheduled-actions/{actionName: .+}")
    public Uni<Void> deleteScheduledAction(@PathParam("cluster") String cluster, @PathParam("service") String service,
                                           @PathParam("actionName") String actionName) {
        return targets.deleteScheduledAction(cluster, service, actionName);
    }

    /** DescribeScalingActivities, newest first; {@code ?maxResults=} 1 to 50 (default 50). */
    @GET
    @Path("/scaling-activities")
    public Uni<ScalingActivitiesResponse> activities(@PathParam("cluster") String cluster,
                                                     @PathParam("service") String service,
                                                     @QueryParam("maxResults") String maxResults) {
        int limit = maxResults(maxResults);
        return targets.activities(cluster, service, limit).map(list -> new ScalingActivitiesResponse(
                list.stream().map(ScalingActivityView::of).toList()));
    }

    /**
     * GetMetricStatistics for one of the service's metrics: {@code namespace} and {@code metricName}
     * required, {@code startTime} and {@code endTime} ISO-8601 (default: the last hour), the metric's
     * own dimensions as {@code dimension.<Name>=<Value>}.
     */
    @GET
    @Path("/metrics")
    public Uni<MetricStatisticsResponse> metrics(@PathParam("cluster") String cluster,
                                                 @PathParam("service") String service,
                                                 @QueryParam("namespace") String namespace,
                                                 @QueryParam("metricName") String metricName,
                                                 @QueryParam("startTime") String startTime,
                                                 @QueryParam("endTime") String endTime,
                                                 @Context UriInfo uri) {
        required("namespace", namespace);
        required("metricName", metricName);
        Instant[] window = window(clock, startTime, endTime);
        Map<String, String> dimensions = dimensions(cluster, ServiceArns.name(service), uri);
        return metrics.statistics(cluster, service, namespace, metricName, dimensions, window[0], window[1])
                .map(MetricStatisticsResponse::of);
    }

    /** GetMetricStatistics' [startTime, endTime): ISO-8601, by default the last hour. */
    static Instant[] window(Clock clock, String startTime, String endTime) {
        Instant end = endTime == null || endTime.isBlank() ? clock.instant() : time("endTime", endTime);
        Instant start = startTime == null || startTime.isBlank() ? end.minus(DEFAULT_WINDOW) : time("startTime", startTime);
        if (!start.isBefore(end)) {
            throw invalid("startTime", "must be before endTime");
        }
        return new Instant[] {start, end};
    }

    /**
     * The metric's own dimensions; ClusterName and ServiceName, which the path gives, may be repeated.
     * {@code service} null: a metric of the cluster, which has no ServiceName.
     */
    static Map<String, String> dimensions(String cluster, String service, UriInfo uri) {
        Map<String, String> dimensions = new TreeMap<>();
        uri.getQueryParameters().forEach((param, values) -> {
            if (!param.startsWith(DIMENSION_PREFIX)) {
                return;
            }
            String name = param.substring(DIMENSION_PREFIX.length());
            String value = values.get(values.size() - 1);
            if (name.isEmpty() || value == null || value.isEmpty()) {
                throw invalid(param, "needs a dimension name and a value");
            }
            if (Metrics.CLUSTER_NAME.equals(name) || service != null && Metrics.SERVICE_NAME.equals(name)) {
                String expected = Metrics.CLUSTER_NAME.equals(name) ? cluster : service;
                if (!expected.equals(value)) {
                    throw invalid(param, "must be " + expected + ", as in the path");
                }
                return;
            }
            dimensions.put(name, value);
        });
        return dimensions;
    }

    private static int maxResults(String value) {
        if (value == null || value.isEmpty()) {
            return ScalableTargetService.MAX_ACTIVITIES;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= ScalableTargetService.MAX_ACTIVITIES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestException.of("ValidationException", "maxResults",
                "must be an integer from 1 to " + ScalableTargetService.MAX_ACTIVITIES);
    }

    static void required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(name, "is required");
        }
    }

    private static Instant time(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 time such as 2026-01-01T09:00:00Z");
        }
    }

    private static InvalidRequestException invalid(String name, String rule) {
        return InvalidRequestException.of(MetricDataRules.INVALID_PARAMETER_VALUE, name, rule);
    }

    private static String resourceId(String cluster, String service) {
        return Metrics.resourceId(cluster, ServiceArns.name(service));
    }
}
