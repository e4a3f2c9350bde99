package io.longshore.controlplane.api;

import io.longshore.controlplane.api.ContainerInstanceDtos.ContainerInstance;
import io.longshore.controlplane.api.ContainerInstanceDtos.ContainerInstanceResponse;
import io.longshore.controlplane.api.ContainerInstanceDtos.ContainerInstancesResponse;
import io.longshore.controlplane.service.ContainerInstanceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** ListContainerInstances and DescribeContainerInstances (instances register themselves over Kafka). */
@Path("/v1/clusters/{cluster}/container-instances")
@Produces(MediaType.APPLICATION_JSON)
public class ContainerInstanceResource {
    private final ContainerInstanceService instances;

    public ContainerInstanceResource(ContainerInstanceService instances) {
        this.instances = instances;
    }

    /** ListContainerInstances; {@code filter} is a cluster query expression, e.g. {@code attribute:stack == prod}. */
    @GET
    public Uni<ContainerInstancesResponse> list(@PathParam("cluster") String cluster,
                                                @QueryParam("filter") String filter) {
        return instances.list(cluster, filter)
                .map(all -> new ContainerInstancesResponse(all.stream().map(ContainerInstance::of).toList()));
    }

    @GET
    @Path("/{containerInstance}")
    public Uni<ContainerInstanceResponse> describe(@PathParam("cluster") String cluster,
                                                   @PathParam("containerInstance") String containerInstance) {
        return instances.describe(cluster, containerInstance)
                .map(s -> new ContainerInstanceResponse(ContainerInstance.of(s)));
    }
}
