package io.longshore.registry.api;

import io.longshore.common.model.Arns;
import io.longshore.registry.service.ImageCatalog;
import io.longshore.registry.store.RepositoryEntity;
import java.time.Instant;
import java.util.List;

/** The /v1/repositories API's bodies, with ECR's member names. */
public final class RepositoryDtos {
    private RepositoryDtos() {
    }

    public record CreateRepositoryRequest(String repositoryName, String imageTagMutability) {
    }

    public record PutImageTagMutabilityRequest(String imageTagMutability) {
    }

    public record Repository(String repositoryArn, String registryId, String repositoryName, String repositoryUri,
                             Instant createdAt, String imageTagMutability) {
        static Repository of(RepositoryEntity entity, String host) {
            return new Repository(arn(entity.name), Arns.ACCOUNT, entity.name, host + "/" + entity.name,
                    entity.createdAt, entity.tagMutability);
        }
    }

    /** ECR's repository ARN (the ECS helpers in {@link Arns} are for ECS resources). */
    public static String arn(String name) {
        return "arn:aws:ecr:" + Arns.REGION + ":" + Arns.ACCOUNT + ":repository/" + name;
    }

    public record RepositoryResponse(Repository repository) {
    }

    public record RepositoriesResponse(List<Repository> repositories) {
    }

    public record ImageTagMutabilityResponse(String registryId, String repositoryName, String imageTagMutability) {
    }

    public record ImageDetail(String registryId, String repositoryName, String imageDigest, List<String> imageTags,
                              long imageSizeInBytes, Instant imagePushedAt, String imageManifestMediaType,
                              String artifactMediaType) {
        static ImageDetail of(String repository, ImageCatalog.Image image) {
            return new ImageDetail(Arns.ACCOUNT, repository, image.digest(),
                    image.tags().isEmpty() ? null : image.tags(), image.sizeInBytes(), image.pushedAt(),
                    image.mediaType(), image.artifactMediaType());
        }
    }

    public record ImageDetailsResponse(List<ImageDetail> imageDetails) {
    }
}
