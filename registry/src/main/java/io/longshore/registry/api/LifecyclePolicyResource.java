package io.longshore.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.longshore.common.model.Arns;
import io.longshore.registry.lifecycle.ImageExpiration;
import io.longshore.registry.lifecycle.LifecyclePolicyService;
import io.longshore.registry.lifecycle.LifecyclePolicyService.StoredPolicy;
import io.longshore.registry.service.EcrException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * ECR lifecycle policies of a repository, as JSON REST with ECR's member names. Like
 * {@link RepositoryResource}, {name} spans several path segments
 * ({@code /v1/repositories/team/app/lifecycle-policy}).
 */
@Path("/v1/repositories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LifecyclePolicyResource {
    private final LifecyclePolicyService policies;
    private final ObjectMapper mapper;

    public LifecyclePolicyResource(LifecyclePolicyService policies, ObjectMapper mapper) {
        this.policies = policies;
        this.mapper = mapper;
    }

    /** PutLifecyclePolicy's and StartLifecyclePolicyPreview's body: the policy JSON as a string. */
    public record LifecyclePolicyRequest(String lifecyclePolicyText) {
    }

    public record PutLifecyclePolicyResponse(String registryId, String repositoryName, String lifecyclePolicyText) {
    }

    /** GetLifecyclePolicy and DeleteLifecyclePolicy; lastEvaluatedAt is absent until a run applied the policy. */
    public record LifecyclePolicyResponse(String registryId, String repositoryName, String lifecyclePolicyText,
                                          Instant lastEvaluatedAt) {
        static LifecyclePolicyResponse of(StoredPolicy p) {
            return new LifecyclePolicyResponse(Arns.ACCOUNT, p.repositoryName(), p.policyText(), p.lastEvaluatedAt());
        }
    }

    public record PreviewResult(String imageDigest, List<String> imageTags, Instant imagePushedAt,
                                ImageExpiration.Action action, int appliedRulePriority) {
        static PreviewResult of(ImageExpiration e) {
            return new PreviewResult(e.imageDigest(), e.imageTags().isEmpty() ? null : e.imageTags(),
                    e.imagePushedAt(), e.action(), e.appliedRulePriority());
        }
    }

    public record PreviewSummary(int expiringImageTotalCount) {
    }

    /** GetLifecyclePolicyPreview's shape; the preview is computed synchronously, so always COMPLETE. */
    public record PreviewResponse(String registryId, String repositoryName, String lifecyclePolicyText, String status,
                                  List<PreviewResult> previewResults, PreviewSummary summary) {
    }

    @PUT
    @Path("/{name: .+}/lifecycle-policy")
    @Operation(summary = "PutLifecyclePolicy")
    public Uni<PutLifecyclePolicyResponse> put(@PathParam("name") String name, LifecyclePolicyRequest request) {
        return policies.put(name, request == null ? null : request.lifecyclePolicyText())
                .map(p -> new PutLifecyclePolicyResponse(Arns.ACCOUNT, p.repositoryName(), p.policyText()));
    }

    @GET
    @Path("/{name: .+}/lifecycle-policy")
    @Operation(summary = "GetLifecyclePolicy")
    public Uni<LifecyclePolicyResponse> get(@PathParam("name") String name) {
        return policies.get(name).map(LifecyclePolicyResponse::of);
    }

    @DELETE
    @Path("/{name: .+}/lifecycle-policy")
    @Operation(summary = "DeleteLifecyclePolicy")
    public Uni<LifecyclePolicyResponse> delete(@PathParam("name") String name) {
        return policies.delete(name).map(LifecyclePolicyResponse::of);
    }

    @POST
    @Path("/{name: .+}/lifecycle-policy/preview")
    @Operation(summary = "StartLifecyclePolicyPreview + GetLifecyclePolicyPreview",
            description = "What the given policy (or, without a body, the stored one) would expire now; deletes nothing.")
    @Consumes(MediaType.WILDCARD)
    public Uni<PreviewResponse> preview(@PathParam("name") String name, String body) {
        // the body is optional, so a bare POST (curl -X POST, any or no Content-Type) previews the stored policy
        LifecyclePolicyRequest request = null;
        if (body != null && !body.isBlank()) {
            try {
                request = mapper.readValue(body, LifecyclePolicyRequest.class);
            } catch (JsonProcessingException e) {
                throw EcrException.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return policies.preview(name, request == null ? null : request.lifecyclePolicyText())
                .map(p -> new PreviewResponse(Arns.ACCOUNT, p.repositoryName(), p.policyText(), "COMPLETE",
                        p.expirations().stream().map(PreviewResult::of).toList(),
                        new PreviewSummary(p.expirations().size())));
    }
}
