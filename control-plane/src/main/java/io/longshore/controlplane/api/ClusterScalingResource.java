package io.longshore.controlplane.api;

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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** A cluster's scalable targets (DescribeScalableTargets) and PutMetricData for its services. */
@Path("/v1/clusters/{cluster}")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterScalingResource {
    private final ScalableTargetService targets;
    private final MetricService metrics;

    public ClusterScalingResource(ScalableTargetService targets, MetricService metrics) {
        this.targets = targets;
        this.metrics = metrics;
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
