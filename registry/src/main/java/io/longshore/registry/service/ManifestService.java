package io.longshore.registry.service;

import io.longshore.registry.messaging.EventOutbox;
import io.longshore.outbox.OutboxRelay;
import io.longshore.registry.oci.Descriptor;
import io.longshore.registry.oci.Digest;
import io.longshore.registry.oci.ErrorCode;
import io.longshore.registry.oci.ManifestParser;
import io.longshore.registry.oci.Names;
import io.longshore.registry.oci.ParsedManifest;
import io.longshore.registry.oci.RegistryException;
import io.longshore.registry.store.BlobStore;
import io.longshore.registry.store.ManifestEntity;
import io.longshore.registry.store.ManifestStore;
import io.longshore.registry.store.ManifestStore.Reference;
import io.longshore.registry.store.RepositoryEntity;
import io.longshore.registry.store.TagStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Manifests and tags: push with validation and tag immutability, pull by tag or digest, delete, list, referrers. */
@ApplicationScoped
public class ManifestService {
    private final ManifestStore manifests;
    private final TagStore tags;
    private final BlobStore blobs;
    private final RepositoryService repositoryService;
    private final EventOutbox events;
    private final OutboxRelay relay;
    private final Clock clock;

    public ManifestService(ManifestStore manifests, TagStore tags, BlobStore blobs,
                           RepositoryService repositoryService, EventOutbox events, OutboxRelay relay,
                           Clock clock) {
        this.manifests = manifests;
        this.tags = tags;
        this.blobs = blobs;
        this.repositoryService = repositoryService;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** A stored manifest: its digest and, when it has one, its subject's digest. */
    public record Pushed(Digest digest, String subject) {
    }

    /**
     * Stores a manifest under {@code reference} (a tag or its digest). Everything it refers to must
     * be in the repository; an IMMUTABLE repository refuses to move an existing tag.
     */
    public Uni<Pushed> put(String repository, String reference, String contentType, byte[] content) {
        String tag = null;
        Digest digest;
        if (Digest.looksLikeDigest(reference)) {
            Digest claimed = Digest.parse(reference);
            digest = Digest.of(claimed.algorithm(), content);
            if (!digest.equals(claimed)) {
                throw new RegistryException(ErrorCode.DIGEST_INVALID, "the manifest's digest is " + digest
                        + ", not " + claimed, claimed.toString());
            }
        } else {
            tag = Names.requireTag(reference);
            digest = Digest.sha256(content);
        }
        ParsedManifest parsed = ManifestParser.parse(content, contentType);
        String tagName = tag;
        ManifestEntity row = new ManifestEntity();
        row.repository = repository;
        row.digest = digest.toString();
        row.mediaType = parsed.mediaType();
        row.size = content.length;
        row.content = content;
        row.imageSize = parsed.imageSize();
        row.configMediaType = parsed.configMediaType();
        row.artifactType = parsed.artifactType();
        row.subjectDigest = parsed.subject() == null ? null : parsed.subject().digest().toString();
        row.annotations = parsed.annotationsJson();
        row.pushedAt = clock.instant();
        return Panache.withTransaction(() -> repositoryService.requireForPush(repository)
                .flatMap(repo -> checkReferences(repository, parsed)
                        .flatMap(x -> manifests.insertIfAbsent(row))
                        .flatMap(stored -> (stored.created()
                                ? manifests.insertReferences(stored.id(), references(parsed))
                                : Uni.createFrom().voidItem())
                                .flatMap(x -> tagName == null
                                        ? Uni.createFrom().voidItem()
                                        : tag(repo, tagName, stored.id(), digest)))
                        .flatMap(x -> events.imagePushed(repository, digest.toString(), tagName))))
                .invoke(relay::trigger)
                .replaceWith(new Pushed(digest, row.subjectDigest));
    }

    private Uni<Void> tag(RepositoryEntity repo, String tag, long manifestId, Digest digest) {
        return tags.upsert(repo.name, tag, manifestId, clock.instant(), !repo.immutableTags())
                .flatMap(x -> tags.manifestIdOf(repo.name, tag))
                .map(current -> {
                    if (current == null || current != manifestId) {
                        throw new RegistryException(ErrorCode.TAG_INVALID, "ImageTagAlreadyExistsException: The image tag '"
                                + tag + "' already exists in the '" + repo.name
                                + "' repository and cannot be overwritten because the repository is immutable.",
                                tag);
                    }
                    return null;
                });
    }

    private Uni<Void> checkReferences(String repository, ParsedManifest parsed) {
        List<String> wantedBlobs = distinct(parsed.blobs());
        List<String> wantedManifests = distinct(parsed.manifests());
        return blobs.linkedForShare(repository, wantedBlobs)
                .flatMap(present -> {
                    for (String digest : wantedBlobs) {
                        if (!present.contains(digest)) {
                            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob " + digest
                                    + " that the manifest refers to is not in repository " + repository, digest);
                        }
                    }
                    return manifests.presentForShare(repository, wantedManifests);
                })
                .map(present -> {
                    for (String digest : wantedManifests) {
                        if (!present.contains(digest)) {
                            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest " + digest
                                    + " that the index refers to is not in repository " + repository, digest);
                        }
                    }
                    return null;
                });
    }

    private static List<String> distinct(List<Descriptor> descriptors) {
        Set<String> digests = new LinkedHashSet<>();
        for (Descriptor d : descriptors) {
            digests.add(d.digest().toString());
        }
        return List.copyOf(digests);
    }

    private static List<Reference> references(ParsedManifest parsed) {
        List<Reference> refs = new ArrayList<>();
        for (String digest : distinct(parsed.blobs())) {
            refs.add(new Reference(digest, Reference.BLOB));
        }
        for (String digest : distinct(parsed.manifests())) {
            refs.add(new Reference(digest, Reference.MANIFEST));
        }
        return refs;
    }

    /** The manifest a tag or digest names; NAME_UNKNOWN or MANIFEST_UNKNOWN otherwise. */
    public Uni<ManifestEntity> get(String repository, String reference) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        String key = byDigest ? Digest.parse(reference).toString() : Names.requireTag(reference);
        return Panache.withSession(() -> (byDigest ? manifests.findByDigest(repository, key)
                : manifests.findByTag(repository, key))
                .flatMap(found -> found != null
                        ? Uni.createFrom().item(found)
                        : repositoryService.require(repository).map(r -> {
                            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference
                                    + " is not in repository " + repository, reference);
                        })));
    }

    /**
     * DELETE /v2/name/manifests/reference: a digest deletes the manifest and every tag on it; a tag
     * deletes only the tag.
     */
    public Uni<Void> delete(String repository, String reference) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        String key = byDigest ? Digest.parse(reference).toString() : Names.requireTag(reference);
        return Panache.withTransaction(() -> repositoryService.require(repository)
                .flatMap(r -> byDigest ? manifests.findByDigest(repository, key) : manifests.findByTag(repository, key))
                .flatMap(found -> {
                    if (found == null) {
                        throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference
                                + " is not in repository " + repository, reference);
                    }
                    if (!byDigest) {
                        return tags.delete(repository, key)
                                .flatMap(x -> events.imageDeleted(repository, found.digest, key));
                    }
                    return deleteManifest(found);
                }))
                .invoke(relay::trigger);
    }

    /** Within the caller's transaction: the manifest and its tags, and a DELETE event per tag (one if untagged). */
    Uni<Void> deleteManifest(ManifestEntity manifest) {
        return tags.tagsOf(manifest.id)
                .flatMap(tagged -> manifests.deleteManifest(manifest.id)
                        .flatMap(x -> tagged.isEmpty()
                                ? events.imageDeleted(manifest.repository, manifest.digest, null)
                                : Multi.createFrom().iterable(tagged)
                                        .onItem().transformToUniAndConcatenate(t ->
                                                events.imageDeleted(manifest.repository, manifest.digest, t))
                                        .collect().last().replaceWithVoid()));
    }

    /** Up to {@code limit} tags after {@code last}, in byte order, plus whether more follow. */
    public Uni<Page> tags(String repository, String last, int limit) {
        return Panache.withSession(() -> repositoryService.require(repository)
                .flatMap(r -> tags.list(repository, last, limit + 1)))
                .map(found -> found.size() > limit
                        ? new Page(found.subList(0, limit), true)
                        : new Page(found, false));
    }

    /** A page of names. */
    public record Page(List<String> items, boolean more) {
    }

    /** Manifests whose subject is {@code subject}; any repository state short of missing answers. */
    public Uni<List<ManifestEntity>> referrers(String repository, Digest subject, String artifactType) {
        return Panache.withSession(() -> repositoryService.require(repository)
                .flatMap(r -> manifests.referrers(repository, subject.toString(), artifactType)));
    }
}
