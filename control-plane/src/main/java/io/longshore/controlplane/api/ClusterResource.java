package io.longshore.controlplane.api;

import io.longshore.controlplane.api.ClusterDtos.Cluster;
import io.longshore.controlplane.api.ClusterDtos.ClusterResponse;
import io.longshore.controlplane.api.ClusterDtos.ClustersResponse;
import io.longshore.controlplane.api.ClusterDtos.CreateClusterRequest;
import io.longshore.controlplane.domain.PutClusterCapacityProviders;
import io.longshore.controlplane.service.CapacityProviderService;
import io.longshore.controlplane.service.ClusterService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** CreateCluster, ListClusters, DescribeClusters, DeleteCluster, PutClusterCapacityProviders. */
@Path("/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    private final ClusterService clusters;
    private final CapacityProviderService capacityProviders;

    public ClusterResource(ClusterService clusters, CapacityProviderService capacityProviders) {
        this.clusters = clusters;
        this.capacityProviders = capacityProviders;
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

    /**
     * PutClusterCapacityProviders: {@code {"capacityProviders": [...], "defaultCapacityProviderStrategy":
     * [{"capacityProvider": ..., "base": 0, "weight": 1}]}} replaces the cluster's; the cluster is answered.
     */
    @PUT
    @Path("/{cluster}/capacity-providers")
    public Uni<ClusterResponse> putCapacityProviders(@PathParam("cluster") String cluster,
                                                     @RequestBody(content = @Content(schema = @Schema(
                                                             implementation = PutClusterCapacityProviders.class)))
                                                     String body) {
        PutClusterCapacityProviders request = RequestBodies.read(body, PutClusterCapacityProviders.class);
        return capacityProviders.putClusterCapacityProviders(cluster, request)
                .flatMap(c -> clusters.describe(cluster))
                .map(s -> new ClusterResponse(Cluster.of(s)));
    }

    @DELETE
    @Path("/{cluster}")
    public Uni<ClusterResponse> delete(@PathParam("cluster") String cluster) {
        return clusters.delete(cluster).map(s -> new ClusterResponse(Cluster.of(s)));
    }
}
