package io.longshore.controlplane.api;

import io.longshore.controlplane.api.CapacityProviderDtos.CapacityProviderResponse;
import io.longshore.controlplane.api.CapacityProviderDtos.CapacityProviderView;
import io.longshore.controlplane.api.CapacityProviderDtos.CapacityProvidersResponse;
import io.longshore.controlplane.domain.CreateCapacityProvider;
import io.longshore.controlplane.domain.UpdateCapacityProvider;
import io.longshore.controlplane.service.CapacityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** ECS capacity providers: Create, Describe, Update and DeleteCapacityProvider. */
@Path("/v1/capacity-providers")
@Produces(MediaType.APPLICATION_JSON)
public class CapacityProviderResource {
    private final CapacityProviderService providers;

    public CapacityProviderResource(CapacityProviderService providers) {
        this.providers = providers;
    }

    @POST
    public Uni<CapacityProviderResponse> create(@RequestBody(content = @Content(schema = @Schema(
            implementation = CreateCapacityProvider.class))) String body) {
        CreateCapacityProvider request = RequestBodies.read(body, CreateCapacityProvider.class);
        return providers.create(request).map(CapacityProviderResponse::of);
    }

    /** DescribeCapacityProviders: every provider, INACTIVE (deleted) ones too. */
    @GET
    public Uni<CapacityProvidersResponse> list() {
        return providers.list().map(all -> new CapacityProvidersResponse(all.stream().map(CapacityProviderView::of)
                .toList()));
    }

    @GET
    @Path("/{name}")
    public Uni<CapacityProviderResponse> describe(@PathParam("name") String name) {
        return providers.describe(name).map(CapacityProviderResponse::of);
    }

    /** UpdateCapacityProvider: {@code {"autoScalingGroupProvider": {"managedScaling": {...}, "managedTerminationProtection": ...}}}. */
    @PUT
    @Path("/{name}")
    public Uni<CapacityProviderResponse> update(@PathParam("name") String name,
                                                @RequestBody(content = @Content(schema = @Schema(
                                                        implementation = UpdateCapacityProvider.class))) String body) {
        UpdateCapacityProvider request = RequestBodies.read(body, UpdateCapacityProvider.class);
        return providers.update(name, request).map(CapacityProviderResponse::of);
    }

    /** DeleteCapacityProvider: answered INACTIVE; refused (409) while associated with a cluster. */
    @DELETE
    @Path("/{name}")
    public Uni<CapacityProviderResponse> delete(@PathParam("name") String name) {
        return providers.delete(name).map(CapacityProviderResponse::of);
    }
}
