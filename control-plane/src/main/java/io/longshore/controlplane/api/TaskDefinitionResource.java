package io.longshore.controlplane.api;

import io.longshore.controlplane.api.TaskDefinitionDtos.TaskDefinitionArnsResponse;
import io.longshore.controlplane.api.TaskDefinitionDtos.TaskDefinitionResponse;
import io.longshore.controlplane.api.TaskDefinitionDtos.TaskDefinitionView;
import io.longshore.controlplane.domain.RegisterTaskDefinition;
import io.longshore.controlplane.service.TaskDefinitionService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, DeregisterTaskDefinition. */
@Path("/v1/task-definitions")
@Produces(MediaType.APPLICATION_JSON)
public class TaskDefinitionResource {
    private final TaskDefinitionService definitions;

    public TaskDefinitionResource(TaskDefinitionService definitions) {
        this.definitions = definitions;
    }

    @POST
    public Uni<TaskDefinitionResponse> register(
            @RequestBody(content = @Content(schema = @Schema(implementation = RegisterTaskDefinition.class))) String body) {
        RegisterTaskDefinition request = RequestBodies.read(body, RegisterTaskDefinition.class);
        return definitions.register(request).map(d -> new TaskDefinitionResponse(TaskDefinitionView.of(d)));
    }

    @GET
    public Uni<TaskDefinitionArnsResponse> list(@QueryParam("familyPrefix") String familyPrefix,
                                                @QueryParam("status") String status) {
        return definitions.listArns(familyPrefix, status).map(TaskDefinitionArnsResponse::new);
    }

    /** {@code family} (latest ACTIVE revision), {@code family:revision} or an ARN's last segment. */
    @GET
    @Path("/{taskDefinition}")
    public Uni<TaskDefinitionResponse> describe(@PathParam("taskDefinition") String taskDefinition) {
        return definitions.describe(taskDefinition).map(d -> new TaskDefinitionResponse(TaskDefinitionView.of(d)));
    }

    @DELETE
    @Path("/{taskDefinition}")
    public Uni<TaskDefinitionResponse> deregister(@PathParam("taskDefinition") String taskDefinition) {
        return definitions.deregister(taskDefinition).map(d -> new TaskDefinitionResponse(TaskDefinitionView.of(d)));
    }
}
