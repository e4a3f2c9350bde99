package io.longshore.controlplane.api;

import io.longshore.controlplane.domain.AttributesRequest;
import io.longshore.controlplane.domain.InstanceAttribute;
import io.longshore.controlplane.service.ContainerInstanceService;
import io.longshore.controlplane.validation.AttributeRules;
import io.longshore.controlplane.validation.AttributeRules.ValidAttribute;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * PutAttributes and DeleteAttributes: custom attributes on container instances, which memberOf
 * constraints and the ListContainerInstances filter can then select on. Built-in {@code ecs.*}
 * attributes belong to the agent and cannot be changed here.
 */
@Path("/v1/clusters/{cluster}/attributes")
@Produces(MediaType.APPLICATION_JSON)
public class AttributeResource {
    private final ContainerInstanceService instances;

    public AttributeResource(ContainerInstanceService instances) {
        this.instances = instances;
    }

    /** The attributes as they were set or deleted. */
    public record AttributesResponse(List<InstanceAttribute> attributes) {
        static AttributesResponse of(List<ValidAttribute> attributes) {
            return new AttributesResponse(attributes.stream().map(a -> new InstanceAttribute(a.name(), a.value(),
                    AttributeRules.TARGET_TYPE, a.instanceId())).toList());
        }
    }

    @PUT
    public Uni<AttributesResponse> put(@PathParam("cluster") String cluster,
                                       @RequestBody(content = @Content(schema = @Schema(
                                               implementation = AttributesRequest.class))) String body) {
        List<ValidAttribute> valid = AttributeRules.validate(RequestBodies.read(body, AttributesRequest.class), true);
        return instances.putAttributes(cluster, valid).map(AttributesResponse::of);
    }

    @DELETE
    public Uni<AttributesResponse> delete(@PathParam("cluster") String cluster,
                                          @RequestBody(content = @Content(schema = @Schema(
                                                  implementation = AttributesRequest.class))) String body) {
        List<ValidAttribute> valid = AttributeRules.validate(RequestBodies.read(body, AttributesRequest.class), false);
        return instances.deleteAttributes(cluster, valid).map(AttributesResponse::of);
    }
}
