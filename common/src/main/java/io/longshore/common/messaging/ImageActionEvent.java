package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * ECR's "ECR Image Action" event: an image was pushed or deleted, on {@link Topics#REGISTRY_EVENTS}
 * keyed by repository name. The fields of {@code detail} carry ECR's names, so event rules can
 * match them as they would ECR's.
 *
 * @param id   unique per event; a redelivered event keeps its id
 * @param time when the action happened
 */
public record ImageActionEvent(int schemaVersion, String id, Instant time, Detail detail) {
    public static final int SCHEMA_VERSION = 1;
    public static final String DETAIL_TYPE = "ECR Image Action";
    public static final String SOURCE = "aws.ecr";
    public static final String PUSH = "PUSH";
    public static final String DELETE = "DELETE";
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";

    public ImageActionEvent(String id, Instant time, Detail detail) {
        this(SCHEMA_VERSION, id, time, detail);
    }

    /** ECR's detail: action-type PUSH|DELETE, result SUCCESS|FAILURE, the repository, digest and tag (if any). */
    public record Detail(
            @JsonProperty("action-type") String actionType,
            @JsonProperty("result") String result,
            @JsonProperty("repository-name") String repositoryName,
            @JsonProperty("image-digest") String imageDigest,
            @JsonProperty("image-tag") String imageTag) {
    }
}
