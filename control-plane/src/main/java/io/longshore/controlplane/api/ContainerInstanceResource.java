package io.longshore.controlplane.api;

import io.longshore.controlplane.api.ContainerInstanceDtos.ContainerInstance;
import io.longshore.controlplane.api.ContainerInstanceDtos.ContainerInstanceResponse;
import io.longshore.controlplane.api.ContainerInstanceDtos.ContainerInstancesResponse;
import io.longshore.controlplane.domain.UpdateInstanceState;
import io.longshore.controlplane.service.ContainerInstanceService;
import io.longshore.controlplane.validation.InstanceStateRules;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * ListContainerInstances, DescribeContainerInstances and UpdateContainerInstancesState (instances
 * register themselves over Kafka).
 */
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

    /**
     * UpdateContainerInstancesState for one instance (id or ARN): {@code {"status": "DRAINING"}} stops
     * new placements on it, {@code "ACTIVE"} allows them again. Standalone tasks on it keep running.
     */
    @PUT
    @Path("/{containerInstance: .+}/state") // an ARN has slashes of its own
    public Uni<ContainerInstanceResponse> updateState(@PathParam("cluster") String cluster,
                                                      @PathParam("containerInstance") String containerInstance,
                                                      @RequestBody(content = @Content(schema = @Schema(
                                                              implementation = UpdateInstanceState.class)))
                                                      String body) {
        var status = InstanceStateRules.validate(RequestBodies.read(body, UpdateInstanceState.class));
        return instances.updateState(cluster, containerInstance, status)
                .map(s -> new ContainerInstanceResponse(ContainerInstance.of(s)));
    }
}
