package io.longshore.registry.service;

import io.longshore.outbox.OutboxRelay;
import io.longshore.registry.oci.Digest;
import io.longshore.registry.storage.BlobStorage;
import io.longshore.registry.store.BlobStore;
import io.longshore.registry.store.ManifestStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The registry's images and blobs for housekeeping: lifecycle policies list and expire images,
 * garbage collection finds and removes blobs nothing uses. Callable from any thread (each method
 * runs its database work on its own safe Vert.x context when the caller has none).
 */
@ApplicationScoped
public class ImageCatalog {
    private final ManifestStore manifests;
    private final BlobStore blobs;
    private final ManifestService manifestService;
    private final BlobStorage storage;
    private final Blocking blocking;
    private final OutboxRelay relay;
    private final Vertx vertx;

    public ImageCatalog(ManifestStore manifests, BlobStore blobs, ManifestService manifestService, BlobStorage storage,
                        Blocking blocking, OutboxRelay relay, Vertx vertx) {
        this.manifests = manifests;
        this.blobs = blobs;
        this.manifestService = manifestService;
        this.storage = storage;
        this.blocking = blocking;
        this.relay = relay;
        this.vertx = vertx;
    }

    /**
     * An image (a manifest) of a repository.
     *
     * @param sizeInBytes       config plus layers (an index: its manifests' sizes), as ECR reports it
     * @param artifactMediaType the config's media type (null for an index)
     */
    public record Image(String digest, List<String> tags, Instant pushedAt, long sizeInBytes, String mediaType,
                        String artifactMediaType) {
    }

    /** Every image of the repository, newest first; empty when it has none or does not exist. */
    public Uni<List<Image>> listImages(String repository) {
        return SafeContext.run(vertx, () -> Panache.withSession(() -> manifests.images(repository)))
                .map(rows -> rows.stream()
                        .map(r -> new Image(r.digest(), r.tags(), r.pushedAt(), r.imageSize(), r.mediaType(),
                                r.configMediaType()))
                        .toList());
    }

    /**
     * Deletes an image and its tags, publishing a DELETE event per tag (one without a tag if it
     * had none); false when the repository has no such image. Its blobs stay until garbage
     * collection finds them unused.
     */
    public Uni<Boolean> deleteImage(String repository, String digest) {
        String key = Digest.parse(digest).toString();
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> manifests.findByDigest(repository, key)
                        .flatMap(found -> found == null
                                ? Uni.createFrom().item(false)
                                : manifestService.deleteManifest(found).replaceWith(true))))
                .invoke(deleted -> {
                    if (deleted) {
                        relay.trigger();
                    }
                });
    }

    /**
     * Digests of blobs no manifest of any repository refers to and that were last pushed or
     * mounted before {@code olderThan} (younger ones may be layers of a push still in progress;
     * give at least the upload expiry). Uploads in progress have no blob row yet, so they never
     * appear here.
     */
    public Uni<List<String>> unreferencedBlobs(Instant olderThan, int limit) {
        return SafeContext.run(vertx, () -> Panache.withSession(() -> blobs.unreferenced(olderThan, limit)));
    }

    /**
     * Deletes a blob's file and rows if, re-checked under the row's lock, it is still unreferenced
     * and older than {@code olderThan}; true when deleted. The file goes before the transaction
     * commits, so a concurrent push of the same digest (which takes the same row lock before it
     * moves its file in) always leaves its file in place.
     */
    public Uni<Boolean> deleteBlobIfUnreferenced(String digest, Instant olderThan) {
        Digest parsed = Digest.parse(digest);
        return SafeContext.run(vertx, () -> Panache.withTransaction(() ->
                blobs.lockIfUnreferenced(parsed.toString(), olderThan).flatMap(unused -> !unused
                        ? Uni.createFrom().item(false)
                        : blobs.delete(parsed.toString())
                                .flatMap(x -> blocking.run(() -> storage.deleteBlob(parsed)))
                                .replaceWith(true))));
    }
}
