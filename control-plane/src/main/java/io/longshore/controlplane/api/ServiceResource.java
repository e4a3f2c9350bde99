package io.longshore.controlplane.api;

import io.longshore.controlplane.api.ServiceDtos.ServiceArnsResponse;
import io.longshore.controlplane.api.ServiceDtos.ServiceResponse;
import io.longshore.controlplane.domain.CreateService;
import io.longshore.controlplane.domain.UpdateService;
import io.longshore.controlplane.service.ServiceService;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * CreateService, ListServices, DescribeServices, UpdateService, DeleteService. A service is named by
 * its name or its ARN (which has slashes of its own, hence the path pattern).
 */
@Path("/v1/clusters/{cluster}/services")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {
    private final ServiceService services;

    public ServiceResource(ServiceService services) {
        this.services = services;
    }

    @POST
    public Uni<ServiceResponse> create(@PathParam("cluster") String cluster,
                                       @RequestBody(content = @Content(schema = @Schema(
                                               implementation = CreateService.class))) String body) {
        CreateService request = RequestBodies.read(body, CreateService.class);
        return services.create(cluster, request).map(ServiceResponse::of);
    }

    /** ListServices: ACTIVE and DRAINING services; {@code schedulingStrategy} (REPLICA or DAEMON) narrows it. */
    @GET
    public Uni<ServiceArnsResponse> list(@PathParam("cluster") String cluster,
                                         @QueryParam("schedulingStrategy") String schedulingStrategy) {
        return services.listArns(cluster, schedulingStrategy).map(ServiceArnsResponse::new);
    }

    @GET
    @Path("/{service: .+}")
    public Uni<ServiceResponse> describe(@PathParam("cluster") String cluster,
                                         @PathParam("service") String service) {
        return services.describe(cluster, service).map(ServiceResponse::of);
    }

    @PATCH
    @Path("/{service: .+}")
    public Uni<ServiceResponse> update(@PathParam("cluster") String cluster, @PathParam("service") String service,
                                       @RequestBody(content = @Content(schema = @Schema(
                                               implementation = UpdateService.class))) String body) {
        UpdateService request = RequestBodies.read(body, UpdateService.class);
        return services.update(cluster, service, request).map(ServiceResponse::of);
    }

    /** {@code ?force=true} deletes a service that is still scaled above 0. */
    @DELETE
    @Path("/{service: .+}")
    public Uni<ServiceResponse> delete(@PathParam("cluster") String cluster, @PathParam("service") String service,
                                       @QueryParam("force") String force) {
        return services.delete(cluster, service, flag("force", force)).map(ServiceResponse::of);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw InvalidRequestException.of(InvalidRequestException.INVALID_PARAMETER, name, "must be true or false");
    }
}
