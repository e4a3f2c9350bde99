package io.longshore.controlplane.api;

import io.longshore.controlplane.api.ClusterDtos.Cluster;
import io.longshore.controlplane.api.ClusterDtos.ClusterResponse;
import io.longshore.controlplane.api.ClusterDtos.ClustersResponse;
import io.longshore.controlplane.api.ClusterDtos.CreateClusterRequest;
import io.longshore.controlplane.service.ClusterService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** CreateCluster, ListClusters, DescribeClusters, DeleteCluster. */
@Path("/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    private final ClusterService clusters;

    public ClusterResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @POST
    public Uni<ClusterResponse> create(@RequestBody(content = @Content(schema = @Schema(implementation = CreateClusterRequest.class)))
                                       String body) {
        CreateClusterRequest request = RequestBodies.read(body, CreateClusterRequest.class);
        return clusters.create(request.clusterName()).map(s -> new ClusterResponse(Cluster.of(s)));
    }

    @GET
    public Uni<ClustersResponse> list() {
        return clusters.list().map(all -> new ClustersResponse(all.stream().map(Cluster::of).toList()));
    }

    @GET
    @Path("/{cluster}")
    public Uni<ClusterResponse> describe(@PathParam("cluster") String cluster) {
        return clusters.describe(cluster).map(s -> new ClusterResponse(Cluster.of(s)));
    }

    @DELETE
    @Path("/{cluster}")
    public Uni<ClusterResponse> delete(@PathParam("cluster") String cluster) {
        return clusters.delete(cluster).map(s -> new ClusterResponse(Cluster.of(s)));
    }
}
