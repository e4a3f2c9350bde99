package io.longshore.registry.service;

import io.longshore.registry.oci.ByteRange;
import io.longshore.registry.oci.Digest;
import io.longshore.registry.oci.ErrorCode;
import io.longshore.registry.oci.RegistryException;
import io.longshore.registry.storage.BlobStorage;
import io.longshore.registry.store.BlobStore;
import io.longshore.registry.store.RepositoryStore;
import io.longshore.registry.store.UploadEntity;
import io.longshore.registry.store.UploadStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Blobs: uploads (monolithic, chunked, resumed), their verification and commit, cross-repository
 * mounts, and lookups for pulls. Content becomes visible only once its digest has been verified
 * and the repository's link committed.
 */
@ApplicationScoped
public class BlobService {
    private static final Logger LOG = Logger.getLogger(BlobService.class);

    private final BlobStore blobs;
    private final UploadStore uploads;
    private final RepositoryStore repositories;
    private final RepositoryService repositoryService;
    private final BlobStorage storage;
    private final UploadDigests digests;
    private final Blocking blocking;
    private final Clock clock;

    public BlobService(BlobStore blobs, UploadStore uploads, RepositoryStore repositories,
                       RepositoryService repositoryService, BlobStorage storage, UploadDigests digests,
                       Blocking blocking, Clock clock) {
        this.blobs = blobs;
        this.uploads = uploads;
        this.repositories = repositories;
        this.repositoryService = repositoryService;
        this.storage = storage;
        this.digests = digests;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Where an upload stands: its id and the bytes received so far. */
    public record UploadStatus(UUID id, long size) {
    }

    /** The size of a blob the repository may serve; BLOB_UNKNOWN or NAME_UNKNOWN otherwise. */
    public Uni<Long> size(String repository, Digest digest) {
        return Panache.withSession(() -> blobs.linkedSize(repository, digest.toString())
                .flatMap(size -> size != null
                        ? Uni.createFrom().item(size)
                        : repositoryService.require(repository).map(r -> {
                            throw new RegistryException(ErrorCode.BLOB_UNKNOWN,
                                    "blob " + digest + " is not in repository " + repository, digest.toString());
                        })));
    }

    public Path path(Digest digest) {
        return storage.blobPath(digest);
    }

    /** Removes the blob from the repository (the file stays until garbage collection finds it unused). */
    public Uni<Void> unlink(String repository, Digest digest) {
        return Panache.withTransaction(() -> repositoryService.require(repository)
                .flatMap(r -> blobs.unlink(repository, digest.toString()))
                .map(count -> {
                    if (count == 0) {
                        throw new RegistryException(ErrorCode.BLOB_UNKNOWN,
                                "blob " + digest + " is not in repository " + repository, digest.toString());
                    }
                    return null;
                }));
    }

    /** Starts an upload: an empty file and its record. */
    public Uni<UploadStatus> start(String repository) {
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> repositoryService.requireForPush(repository)
                .flatMap(r -> blocking.run(() -> storage.createUpload(id)))
                .flatMap(ignored -> {
                    UploadEntity upload = new UploadEntity();
                    upload.id = id;
                    upload.repository = repository;
                    upload.size = 0;
                    upload.startedAt = clock.instant();
                    upload.updatedAt = upload.startedAt;
                    return uploads.persist(upload);
                }))
                .replaceWith(new UploadStatus(id, 0));
    }

    /**
     * Links a blob of {@code from} into {@code repository} without uploading it; empty when
     * {@code from} does not have it (the caller then starts a normal upload).
     */
    public Uni<Optional<Long>> mount(String repository, Digest digest, String from) {
        return Panache.withTransaction(() -> repositoryService.requireForPush(repository)
                .flatMap(r -> blobs.linkedSize(from, digest.toString()))
                .flatMap(size -> size == null
                        ? Uni.createFrom().item(Optional.<Long>empty())
                        : blobs.upsert(digest.toString(), size, clock.instant())
                                .flatMap(x -> blobs.link(repository, digest.toString(), clock.instant()))
                                .replaceWith(Optional.of(size))));
    }

    public Uni<UploadStatus> status(String repository, UUID id) {
        return Panache.withSession(() -> findUpload(repository, id))
                .map(upload -> new UploadStatus(id, upload.size));
    }

    /** Appends a chunk (PATCH). {@code range} is the chunk's Content-Range, if it has one. */
    public Uni<UploadStatus> append(String repository, UUID id, ByteRange range, Long contentLength,
                                    RequestBody body) {
        return locked(id, body, () -> Panache.withSession(() -> findUpload(repository, id))
                .flatMap(upload -> write(upload, range, contentLength, body)));
    }

    /**
     * Finishes an upload (PUT, or POST with a digest): appends the last chunk if there is one,
     * verifies the digest, then makes the blob visible in the repository. A digest mismatch
     * discards the upload.
     */
    public Uni<Long> complete(String repository, UUID id, Digest expected, ByteRange range, Long contentLength,
                              RequestBody body) {
        return locked(id, body, () -> Panache.withSession(() -> findUpload(repository, id))
                .flatMap(upload -> body.present()
                        ? write(upload, range, contentLength, body)
                        : Uni.createFrom().item(new UploadStatus(id, upload.size)))
                .flatMap(status -> digestOf(status, expected.algorithm())
                        .flatMap(actual -> {
                            if (!actual.equals(expected)) {
                                return discard(id).replaceWith(Uni.createFrom().<Long>failure(
                                        new RegistryException(ErrorCode.DIGEST_INVALID, "the content's digest is "
                                                + actual + ", not " + expected + "; the upload was discarded",
                                                expected.toString())));
                            }
                            return commit(repository, id, expected, status.size());
                        })));
    }

    /** Cancels an upload: its record and its file go. */
    public Uni<Void> cancel(String repository, UUID id) {
        if (!digests.lock(id)) {
            return Uni.createFrom().failure(busy());
        }
        return Panache.withSession(() -> findUpload(repository, id))
                .flatMap(upload -> discard(id))
                .eventually(() -> digests.unlock(id));
    }

    /** Forgets an upload: its row, its file, its running digest. */
    Uni<Void> discard(UUID id) {
        digests.forget(id);
        return Panache.withTransaction(() -> uploads.deleteById(id))
                .flatMap(deleted -> blocking.run(() -> storage.deleteUpload(id)));
    }

    private Uni<Long> commit(String repository, UUID id, Digest digest, long size) {
        // The blob row is upserted (and locked) before the file is moved into place, in one
        // transaction: a garbage collection of the same digest either finished before (and deleted
        // the old file first) or waits and then sees the blob linked again.
        return Panache.withTransaction(() -> repositories.findForShare(repository)
                .flatMap(r -> {
                    if (r == null) {
                        throw RepositoryService.nameUnknown(repository);
                    }
                    return blobs.upsert(digest.toString(), size, clock.instant());
                })
                .flatMap(x -> blobs.link(repository, digest.toString(), clock.instant()))
                .flatMap(x -> blocking.run(() -> storage.commitUpload(id, digest)))
                .flatMap(x -> uploads.deleteById(id)))
                .invoke(() -> digests.forget(id))
                .replaceWith(size);
    }

    private Uni<Digest> digestOf(UploadStatus status, String algorithm) {
        MessageDigest running = digests.take(status.id(), status.size());
        if (running != null && Digest.SHA256.equals(algorithm)) {
            return Uni.createFrom().item(Digest.fromMessageDigest(algorithm, running));
        }
        return blocking.call(() -> storage.digestUpload(status.id(), algorithm));
    }

    private Uni<UploadStatus> write(UploadEntity upload, ByteRange range, Long contentLength, RequestBody body) {
        long from = upload.size;
        if (range != null) {
            if (range.start() != from) {
                body.discard();
                return Uni.createFrom().failure(outOfOrder(upload, "the chunk starts at " + range.start()
                        + " but the upload has " + from + " bytes; send the chunk starting at " + from));
            }
            if (contentLength != null && contentLength != range.length()) {
                body.discard();
                return Uni.createFrom().failure(outOfOrder(upload, "Content-Range " + range.start() + "-"
                        + range.end() + " is " + range.length() + " bytes but Content-Length is " + contentLength));
            }
        }
        MessageDigest running = digests.take(upload.id, from);
        return blocking.run(() -> storage.truncateUpload(upload.id, from))
                .flatMap(x -> body.writeTo(storage.uploadPath(upload.id), from, running))
                .flatMap(written -> {
                    if (range != null && written != range.length()) {
                        return Uni.createFrom().failure(new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID,
                                "the chunk has " + written + " bytes, not the " + range.length()
                                        + " its Content-Range says", null));
                    }
                    long to = from + written;
                    return Panache.withTransaction(() -> uploads.advance(upload.id, from, to, clock.instant()))
                            .map(updated -> {
                                if (updated == 0) {
                                    throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN,
                                            "the upload was cancelled or expired meanwhile", upload.id.toString());
                                }
                                digests.put(upload.id, running, to);
                                return new UploadStatus(upload.id, to);
                            });
                });
    }

    private Uni<UploadEntity> findUpload(String repository, UUID id) {
        return uploads.findById(id).map(upload -> {
            if (upload == null || !upload.repository.equals(repository)) {
                throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN,
                        "upload " + id + " is not in progress in repository " + repository, id.toString());
            }
            return upload;
        });
    }

    private <T> Uni<T> locked(UUID id, RequestBody body, java.util.function.Supplier<Uni<T>> work) {
        if (!digests.lock(id)) {
            body.discard();
            return Uni.createFrom().failure(busy());
        }
        return Uni.createFrom().deferred(work::get)
                .onFailure().invoke(e -> {
                    if (!(e instanceof RegistryException)) {
                        LOG.warnf(e, "upload %s failed", id);
                    }
                    body.discard();
                })
                .eventually(() -> digests.unlock(id));
    }

    private static RegistryException busy() {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 409,
                "another request is writing to this upload; send chunks one at a time", null);
    }

    private static RegistryException outOfOrder(UploadEntity upload, String message) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 416, message, null)
                .header("Range", ByteRange.uploadRange(upload.size))
                .header("Docker-Upload-UUID", upload.id.toString());
    }
}
