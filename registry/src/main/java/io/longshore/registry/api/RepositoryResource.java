package io.longshore.registry.api;

import io.longshore.common.model.Arns;
import io.longshore.registry.api.RepositoryDtos.CreateRepositoryRequest;
import io.longshore.registry.api.RepositoryDtos.ImageDetail;
import io.longshore.registry.api.RepositoryDtos.ImageDetailsResponse;
import io.longshore.registry.api.RepositoryDtos.ImageTagMutabilityResponse;
import io.longshore.registry.api.RepositoryDtos.PutImageTagMutabilityRequest;
import io.longshore.registry.api.RepositoryDtos.RepositoriesResponse;
import io.longshore.registry.api.RepositoryDtos.Repository;
import io.longshore.registry.api.RepositoryDtos.RepositoryResponse;
import io.longshore.registry.service.EcrException;
import io.longshore.registry.service.ImageCatalog;
import io.longshore.registry.service.RepositoryService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * ECR repositories, as JSON REST with ECR's member names. Repository names contain slashes, so
 * {name} spans several path segments ({@code /v1/repositories/team/app}); the sub-resources
 * {@code /images} and {@code /image-tag-mutability} are matched first, so a repository whose last
 * name component is literally {@code images} or {@code image-tag-mutability} can be described
 * only through the list ({@code ?repositoryNamePrefix=}).
 */
@Path("/v1/repositories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepositoryResource {
    private final RepositoryService repositories;
    private final ImageCatalog images;

    public RepositoryResource(RepositoryService repositories, ImageCatalog images) {
        this.repositories = repositories;
        this.images = images;
    }

    @POST
    @Operation(summary = "CreateRepository")
    public Uni<Response> create(CreateRepositoryRequest request, @Context HttpHeaders headers) {
        if (request == null) {
            throw EcrException.invalid("the request body is required: {\"repositoryName\": \"...\"}");
        }
        return repositories.create(request.repositoryName(), request.imageTagMutability())
                .map(r -> Response.status(201)
                        .entity(new RepositoryResponse(Repository.of(r, host(headers)))).build());
    }

    @GET
    @Operation(summary = "DescribeRepositories")
    public Uni<RepositoriesResponse> list(@QueryParam("repositoryNamePrefix") String prefix,
                                          @Context HttpHeaders headers) {
        return repositories.list(prefix).map(list -> new RepositoriesResponse(
                list.stream().map(r -> Repository.of(r, host(headers))).toList()));
    }

    @GET
    @Path("/{name: .+}/images")
    @Operation(summary = "DescribeImages")
    public Uni<ImageDetailsResponse> images(@PathParam("name") String name) {
        return repositories.describe(name)
                .flatMap(r -> images.listImages(name))
                .map(list -> new ImageDetailsResponse(list.stream().map(i -> ImageDetail.of(name, i)).toList()));
    }

    @PUT
    @Path("/{name: .+}/image-tag-mutability")
    @Operation(summary = "PutImageTagMutability")
    public Uni<ImageTagMutabilityResponse> putImageTagMutability(@PathParam("name") String name,
                                                                 PutImageTagMutabilityRequest request) {
        return repositories.setTagMutability(name, request == null ? null : request.imageTagMutability())
                .map(r -> new ImageTagMutabilityResponse(Arns.ACCOUNT, r.name, r.tagMutability));
    }

    @GET
    @Path("/{name: .+}")
    @Operation(summary = "DescribeRepositories (one)")
    public Uni<RepositoryResponse> describe(@PathParam("name") String name, @Context HttpHeaders headers) {
        return repositories.describe(name).map(r -> new RepositoryResponse(Repository.of(r, host(headers))));
    }

    @DELETE
    @Path("/{name: .+}")
    @Operation(summary = "DeleteRepository")
    public Uni<RepositoryResponse> delete(@PathParam("name") String name,
                                          @QueryParam("force") @DefaultValue("false") boolean force,
                                          @Context HttpHeaders headers) {
        return repositories.delete(name, force).map(r -> new RepositoryResponse(Repository.of(r, host(headers))));
    }

    /** The registry's address as the client reached it: what {@code docker push <host>/<name>} needs. */
    private static String host(HttpHeaders headers) {
        String host = headers.getHeaderString("Host");
        return host == null || host.isBlank() ? "127.0.0.1:5000" : host;
    }
}
