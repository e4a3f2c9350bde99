package io.longshore.controlplane.api;

import io.longshore.controlplane.api.ScalingDtos.MetricStatisticsResponse;
import io.longshore.controlplane.api.ScalingDtos.ScalableTargetView;
import io.longshore.controlplane.api.ScalingDtos.ScalableTargetsResponse;
import io.longshore.controlplane.domain.PutMetricData;
import io.longshore.controlplane.service.MetricService;
import io.longshore.controlplane.service.ScalableTargetService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * A cluster's scalable targets (DescribeScalableTargets), PutMetricData for its services, and
 * GetMetricStatistics for the cluster's own metrics (cluster scaling's CapacityProviderReservation).
 */
@Path("/v1/clusters/{cluster}")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterScalingResource {
    private final ScalableTargetService targets;
    private final MetricService metrics;
    private final Clock clock;

    public ClusterScalingResource(ScalableTargetService targets, MetricService metrics, Clock clock) {
        this.targets = targets;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * GetMetricStatistics for a metric of the cluster rather than of a service, e.g. {@code
     * namespace=AWS/ECS/ManagedScaling&metricName=CapacityProviderReservation&dimension.CapacityProviderName=<name>};
     * parameters as for a service's metrics.
     */
    @GET
    @Path("/metrics")
    public Uni<MetricStatisticsResponse> metrics(@PathParam("cluster") String cluster,
                                                 @QueryParam("namespace") String namespace,
                                                 @QueryParam("metricName") String metricName,
                                                 @QueryParam("startTime") String startTime,
                                                 @QueryParam("endTime") String endTime,
                                                 @Context UriInfo uri) {
        ServiceScalingResource.required("namespace", namespace);
        ServiceScalingResource.required("metricName", metricName);
        Instant[] window = ServiceScalingResource.window(clock, startTime, endTime);
        return metrics.clusterStatistics(cluster, namespace, metricName,
                        ServiceScalingResource.dimensions(cluster, null, uri), window[0], window[1])
                .map(MetricStatisticsResponse::of);
    }

    @GET
    @Path("/scalable-targets")
    public Uni<ScalableTargetsResponse> listTargets(@PathParam("cluster") String cluster) {
        return targets.list(cluster).map(list -> new ScalableTargetsResponse(
                list.stream().map(ScalableTargetView::of).toList()));
    }

    /** PutMetricData: answered once every value is on Kafka (204). */
    @POST
    @Path("/metric-data")
    public Uni<Void> putMetricData(@PathParam("cluster") String cluster,
                                   @RequestBody(content = @Content(schema = @Schema(
                                           implementation = PutMetricData.class))) String body) {
        PutMetricData request = RequestBodies.read(body, PutMetricData.class);
        return metrics.put(cluster, request);
    }
}
