package io.longshore.controlplane.api;

import io.longshore.controlplane.api.CapacityProviderDtos.ActivitiesResponse;
import io.longshore.controlplane.api.CapacityProviderDtos.ActivityView;
import io.longshore.controlplane.api.CapacityProviderDtos.AutoScalingGroupResponse;
import io.longshore.controlplane.api.CapacityProviderDtos.AutoScalingGroupView;
import io.longshore.controlplane.api.CapacityProviderDtos.AutoScalingGroupsResponse;
import io.longshore.controlplane.domain.CreateAutoScalingGroup;
import io.longshore.controlplane.domain.UpdateAutoScalingGroup;
import io.longshore.controlplane.service.AutoScalingGroupService;
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

/** Auto scaling groups of hosts: Create, Describe, Update, DeleteAutoScalingGroup and their activities. */
@Path("/v1/auto-scaling-groups")
@Produces(MediaType.APPLICATION_JSON)
public class AutoScalingGroupResource {
    private final AutoScalingGroupService groups;

    public AutoScalingGroupResource(AutoScalingGroupService groups) {
        this.groups = groups;
    }

    @POST
    public Uni<AutoScalingGroupResponse> create(@RequestBody(content = @Content(schema = @Schema(
            implementation = CreateAutoScalingGroup.class))) String body) {
        CreateAutoScalingGroup request = RequestBodies.read(body, CreateAutoScalingGroup.class);
        return groups.create(request).map(AutoScalingGroupResponse::of);
    }

    @GET
    public Uni<AutoScalingGroupsResponse> list() {
        return groups.list().map(all -> new AutoScalingGroupsResponse(all.stream().map(AutoScalingGroupView::of)
                .toList()));
    }

    @GET
    @Path("/{name}")
    public Uni<AutoScalingGroupResponse> describe(@PathParam("name") String name) {
        return groups.describe(name).map(AutoScalingGroupResponse::of);
    }

    /** UpdateAutoScalingGroup: {@code minSize}, {@code maxSize}, {@code desiredCapacity}, each optional. */
    @PUT
    @Path("/{name}")
    public Uni<AutoScalingGroupResponse> update(@PathParam("name") String name,
                                                @RequestBody(content = @Content(schema = @Schema(
                                                        implementation = UpdateAutoScalingGroup.class))) String body) {
        UpdateAutoScalingGroup request = RequestBodies.read(body, UpdateAutoScalingGroup.class);
        return groups.update(name, request).map(AutoScalingGroupResponse::of);
    }

    /** DeleteAutoScalingGroup (204); refused (409) while a capacity provider uses the group. */
    @DELETE
    @Path("/{name}")
    public Uni<Void> delete(@PathParam("name") String name) {
        return groups.delete(name);
    }

    /** The group's scaling activities, newest first. */
    @GET
    @Path("/{name}/activities")
    public Uni<ActivitiesResponse> activities(@PathParam("name") String name) {
        return groups.activities(name).map(list -> new ActivitiesResponse(list.stream().map(ActivityView::of)
                .toList()));
    }
}
