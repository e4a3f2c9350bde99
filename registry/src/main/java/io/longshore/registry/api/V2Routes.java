package io.longshore.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.auth.RegistryTokens.Claims;
import io.longshore.common.messaging.Json;
import io.longshore.registry.auth.RegistryAccess;
import io.longshore.registry.config.RegistryConfig;
import io.longshore.registry.oci.ByteRange;
import io.longshore.registry.oci.Digest;
import io.longshore.registry.oci.ErrorCode;
import io.longshore.registry.oci.MediaTypes;
import io.longshore.registry.oci.Names;
import io.longshore.registry.oci.RegistryException;
import io.longshore.registry.oci.V2Path;
import io.longshore.registry.service.BlobService;
import io.longshore.registry.service.ManifestService;
import io.longshore.registry.service.RepositoryService;
import io.longshore.registry.store.ManifestEntity;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The OCI Distribution API at {@code /v2/}, as a Vert.x route rather than a JAX-RS resource: blob
 * bodies are streamed to disk as they arrive and blobs are streamed from it ({@link BlobSender}),
 * neither held in memory. Each request is authenticated and authorised through
 * {@link RegistryAccess} (HEAD/GET pull, the rest push; uploads always push).
 */
@ApplicationScoped
public class V2Routes {
    private static final Logger LOG = Logger.getLogger(V2Routes.class);
    static final String API_VERSION = "Docker-Distribution-API-Version";
    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    static final String UPLOAD_UUID = "Docker-Upload-UUID";
    private static final int DEFAULT_PAGE = 1000;
    private static final int MAX_PAGE = 10000;

    private final RegistryAccess access;
    private final BlobService blobs;
    private final ManifestService manifests;
    private final RepositoryService repositories;
    private final RegistryConfig config;
    private final Vertx vertx;

    public V2Routes(RegistryAccess access, BlobService blobs, ManifestService manifests,
                    RepositoryService repositories, RegistryConfig config, Vertx vertx) {
        this.access = access;
        this.blobs = blobs;
        this.manifests = manifests;
        this.repositories = repositories;
        this.config = config;
        this.vertx = vertx;
    }

    void init(@Observes Router router) {
        router.route("/v2").handler(this::handle);
        router.route("/v2/*").handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause(); // nothing of the body may be lost while we look things up
        if (VertxContext.isOnDuplicatedContext()) {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
        }
        HttpRequestBody body = new HttpRequestBody(vertx, request);
        Uni<Void> work;
        try {
            work = dispatch(rc, body);
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(
                done -> body.discard(),
                failure -> fail(rc, body, failure));
    }

    private Uni<Void> dispatch(RoutingContext rc, HttpRequestBody body) {
        HttpServerRequest request = rc.request();
        HttpMethod method = request.method();
        V2Path path = V2Path.parse(request.path());
        String authorization = request.getHeader("Authorization");
        Claims claims = authenticate(authorization);
        switch (path.kind()) {
            case BASE:
                requireMethod(method, HttpMethod.GET, HttpMethod.HEAD);
                return json(rc, 200, "{}");
            case CATALOG:
                requireMethod(method, HttpMethod.GET);
                return catalog(rc, claims);
            case UNKNOWN:
                throw new RegistryException(ErrorCode.UNSUPPORTED, 404, "no such endpoint: " + request.path(), null);
            default:
                break;
        }
        String name = Names.requireRepository(path.name());
        boolean read = (method == HttpMethod.GET || method == HttpMethod.HEAD)
                && path.kind() != V2Path.Kind.UPLOAD && path.kind() != V2Path.Kind.UPLOADS;
        authorize(authorization, name, read ? RegistryTokens.PULL : RegistryTokens.PUSH);
        switch (path.kind()) {
            case MANIFEST:
                if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                    return getManifest(rc, name, path.reference());
                }
                if (method == HttpMethod.PUT) {
                    return putManifest(rc, body, name, path.reference());
                }
                requireMethod(method, HttpMethod.DELETE);
                return manifests.delete(name, path.reference()).flatMap(x -> empty(rc, 202));
            case BLOB:
                Digest digest = Digest.parse(path.reference());
                if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                    return getBlob(rc, name, digest);
                }
                requireMethod(method, HttpMethod.DELETE);
                return blobs.unlink(name, digest).flatMap(x -> empty(rc, 202));
            case UPLOADS:
                requireMethod(method, HttpMethod.POST);
                return startUpload(rc, body, claims, name);
            case UPLOAD:
                return upload(rc, body, name, path.reference());
            case TAGS:
                requireMethod(method, HttpMethod.GET);
                return tags(rc, name);
            case REFERRERS:
                requireMethod(method, HttpMethod.GET);
                return referrers(rc, name, Digest.parse(path.reference()));
            default:
                throw new IllegalStateException(path.kind().toString());
        }
    }

    // ---- manifests

    private Uni<Void> getManifest(RoutingContext rc, String name, String reference) {
        return manifests.get(name, reference).flatMap(m -> {
            if (!MediaTypes.accepts(rc.request().headers().getAll("Accept"), m.mediaType)) {
                throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference + " is a "
                        + m.mediaType + ", which the request's Accept header does not allow", reference);
            }
            HttpServerResponse response = rc.response().setStatusCode(200)
                    .putHeader("Content-Type", m.mediaType)
                    .putHeader(CONTENT_DIGEST, m.digest)
                    .putHeader("ETag", "\"" + m.digest + "\"")
                    .putHeader("Content-Length", Long.toString(m.content.length));
            if (rc.request().method() == HttpMethod.HEAD) {
                return Uni.createFrom().completionStage(() -> response.end().toCompletionStage());
            }
            return Uni.createFrom().completionStage(() -> response.end(Buffer.buffer(m.content)).toCompletionStage());
        });
    }

    private Uni<Void> putManifest(RoutingContext rc, HttpRequestBody body, String name, String reference) {
        int limit = config.maxManifestBytes();
        String length = rc.request().getHeader("Content-Length");
        if (length != null && parseLong(length, "Content-Length") > limit) {
            throw manifestTooLarge(limit);
        }
        String contentType = rc.request().getHeader("Content-Type");
        return body.read(limit, () -> manifestTooLarge(limit))
                .flatMap(content -> manifests.put(name, reference, contentType, content))
                .flatMap(pushed -> {
                    HttpServerResponse response = rc.response()
                            .putHeader("Location", "/v2/" + name + "/manifests/" + pushed.digest())
                            .putHeader(CONTENT_DIGEST, pushed.digest().toString());
                    if (pushed.subject() != null) {
                        response.putHeader("OCI-Subject", pushed.subject());
                    }
                    return empty(rc, 201);
                });
    }

    private static RegistryException manifestTooLarge(int limit) {
        return new RegistryException(ErrorCode.SIZE_INVALID, 413,
                "the manifest is larger than the limit of " + limit + " bytes", Map.of("limit", limit));
    }

    // ---- blobs

    private Uni<Void> getBlob(RoutingContext rc, String name, Digest digest) {
        return blobs.size(name, digest).flatMap(size -> {
            HttpServerResponse response = rc.response()
                    .putHeader(CONTENT_DIGEST, digest.toString())
                    .putHeader("ETag", "\"" + digest + "\"")
                    .putHeader("Accept-Ranges", "bytes")
                    .putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Cache-Control", "max-age=31536000");
            if (rc.request().method() == HttpMethod.HEAD) {
                response.setStatusCode(200).putHeader("Content-Length", Long.toString(size));
                return Uni.createFrom().completionStage(() -> response.end().toCompletionStage());
            }
            Optional<ByteRange> range;
            try {
                range = ByteRange.ofRangeHeader(rc.request().getHeader("Range"), size);
            } catch (ByteRange.Unsatisfiable e) {
                throw new RegistryException(ErrorCode.BLOB_UNKNOWN, 416, "the range is not within the blob's "
                        + size + " bytes", null).header("Content-Range", "bytes */" + size);
            }
            if (range.isPresent()) {
                response.setStatusCode(206).putHeader("Content-Range",
                        "bytes " + range.get().start() + "-" + range.get().end() + "/" + size);
            } else {
                response.setStatusCode(200);
            }
            long offset = range.map(ByteRange::start).orElse(0L);
            long length = range.map(ByteRange::length).orElse(size);
            return Uni.createFrom().completionStage(() -> BlobSender.send(response, blobs.path(digest), offset, length)
                            .toCompletionStage())
                    .onFailure().invoke(e -> LOG.errorf(e, "blob %s of %s could not be sent", digest, name));
        });
    }

    // ---- uploads

    private Uni<Void> startUpload(RoutingContext rc, HttpRequestBody body, Claims claims, String name) {
        HttpServerRequest request = rc.request();
        String mount = request.getParam("mount");
        String from = request.getParam("from");
        String digestParam = request.getParam("digest");
        if (mount != null) {
            Digest digest = Digest.parse(mount);
            // A mount the token may not read from falls back to a normal upload, as the spec says.
            if (from != null && Names.isRepository(from) && claims.allows(from, RegistryTokens.PULL)) {
                return blobs.mount(name, digest, from).flatMap(mounted -> mounted.isPresent()
                        ? blobCreated(rc, name, digest)
                        : uploadStarted(rc, name));
            }
            return uploadStarted(rc, name);
        }
        if (digestParam != null) {
            Digest digest = Digest.parse(digestParam);
            Long contentLength = contentLength(request);
            return blobs.start(name)
                    .flatMap(status -> blobs.complete(name, status.id(), digest, null, contentLength, body))
                    .flatMap(size -> blobCreated(rc, name, digest));
        }
        return uploadStarted(rc, name);
    }

    private Uni<Void> uploadStarted(RoutingContext rc, String name) {
        return blobs.start(name).flatMap(status -> uploadAccepted(rc, 202, name, status.id(), status.size()));
    }

    private Uni<Void> upload(RoutingContext rc, HttpRequestBody body, String name, String rawId) {
        HttpServerRequest request = rc.request();
        UUID id = uploadId(rawId);
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            return blobs.status(name, id).flatMap(status -> uploadAccepted(rc, 204, name, id, status.size()));
        }
        if (method == HttpMethod.DELETE) {
            return blobs.cancel(name, id).flatMap(x -> empty(rc, 204));
        }
        String contentRange = request.getHeader("Content-Range");
        ByteRange range = null;
        if (contentRange != null) {
            range = ByteRange.ofContentRange(contentRange).orElseThrow(() -> new RegistryException(
                    ErrorCode.BLOB_UPLOAD_INVALID, 416, "Content-Range must be <start>-<end>", contentRange));
        }
        Long contentLength = contentLength(request);
        if (method == HttpMethod.PATCH) {
            return blobs.append(name, id, range, contentLength, body)
                    .flatMap(status -> uploadAccepted(rc, 202, name, id, status.size()));
        }
        requireMethod(method, HttpMethod.PUT);
        String digestParam = request.getParam("digest");
        if (digestParam == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "the digest query parameter is required", null);
        }
        Digest digest = Digest.parse(digestParam);
        return blobs.complete(name, id, digest, range, contentLength, body)
                .flatMap(size -> blobCreated(rc, name, digest));
    }

    private Uni<Void> uploadAccepted(RoutingContext rc, int status, String name, UUID id, long size) {
        rc.response()
                .putHeader("Location", "/v2/" + name + "/blobs/uploads/" + id)
                .putHeader("Range", ByteRange.uploadRange(size))
                .putHeader(UPLOAD_UUID, id.toString());
        return empty(rc, status);
    }

    private Uni<Void> blobCreated(RoutingContext rc, String name, Digest digest) {
        rc.response()
                .putHeader("Location", "/v2/" + name + "/blobs/" + digest)
                .putHeader(CONTENT_DIGEST, digest.toString());
        return empty(rc, 201);
    }

    private static UUID uploadId(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equals(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + raw, raw);
    }

    // ---- listings

    private Uni<Void> tags(RoutingContext rc, String name) {
        int n = pageSize(rc.request().getParam("n"));
        String last = rc.request().getParam("last");
        return manifests.tags(name, last, n).flatMap(page -> {
            ObjectNode out = Json.MAPPER.createObjectNode().put("name", name);
            ArrayNode list = out.putArray("tags");
            page.items().forEach(list::add);
            if (page.more() && !page.items().isEmpty()) {
                rc.response().putHeader("Link", "</v2/" + name + "/tags/list?n=" + n + "&last="
                        + page.items().get(page.items().size() - 1) + ">; rel=\"next\"");
            }
            return json(rc, 200, out.toString());
        });
    }

    private Uni<Void> catalog(RoutingContext rc, Claims claims) {
        int n = pageSize(rc.request().getParam("n"));
        String last = rc.request().getParam("last");
        return repositories.catalog(last, n, repository -> claims.allows(repository, RegistryTokens.PULL))
                .flatMap(page -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    ArrayNode list = out.putArray("repositories");
                    page.items().forEach(list::add);
                    if (page.more() && !page.items().isEmpty()) {
                        rc.response().putHeader("Link", "</v2/_catalog?n=" + n + "&last="
                                + page.items().get(page.items().size() - 1) + ">; rel=\"next\"");
                    }
                    return json(rc, 200, out.toString());
                });
    }

    private Uni<Void> referrers(RoutingContext rc, String name, Digest subject) {
        String artifactType = rc.request().getParam("artifactType");
        return manifests.referrers(name, subject, artifactType).flatMap(found -> {
            ObjectNode index = Json.MAPPER.createObjectNode()
                    .put("schemaVersion", 2)
                    .put("mediaType", MediaTypes.OCI_INDEX);
            ArrayNode list = index.putArray("manifests");
            for (ManifestEntity m : found) {
                ObjectNode d = list.addObject()
                        .put("mediaType", m.mediaType)
                        .put("digest", m.digest)
                        .put("size", m.size);
                if (m.artifactType != null) {
                    d.put("artifactType", m.artifactType);
                }
                if (m.annotations != null) {
                    d.set("annotations", readTree(m.annotations));
                }
            }
            if (artifactType != null) {
                rc.response().putHeader("OCI-Filters-Applied", "artifactType");
            }
            rc.response().putHeader("Content-Type", MediaTypes.OCI_INDEX);
            return send(rc, 200, index.toString());
        });
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pageSize(String n) {
        if (n == null) {
            return DEFAULT_PAGE;
        }
        try {
            int value = Integer.parseInt(n);
            if (value >= 0) {
                return Math.min(value, MAX_PAGE);
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID, "n must be a non-negative integer", n);
    }

    // ---- auth

    private Claims authenticate(String authorization) {
        try {
            return access.authenticate(authorization);
        } catch (RegistryAccess.Unauthenticated e) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, e.getMessage())
                    .header("WWW-Authenticate", RegistryAccess.CHALLENGE);
        }
    }

    private void authorize(String authorization, String repository, String action) {
        try {
            access.authorize(authorization, repository, action);
        } catch (RegistryAccess.Unauthenticated e) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, e.getMessage())
                    .header("WWW-Authenticate", RegistryAccess.CHALLENGE);
        } catch (RegistryAccess.Denied e) {
            throw new RegistryException(ErrorCode.DENIED, e.getMessage(), Map.of("repository", repository,
                    "action", action));
        }
    }

    // ---- responses

    private static void requireMethod(HttpMethod method, HttpMethod... allowed) {
        for (HttpMethod m : allowed) {
            if (m == method) {
                return;
            }
        }
        throw new RegistryException(ErrorCode.UNSUPPORTED, 405, "method " + method + " is not supported here",
                null);
    }

    private static Long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        return value == null ? null : parseLong(value, "Content-Length");
    }

    private static long parseLong(String value, String header) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, header + " must be a number", value);
        }
    }

    private static Uni<Void> json(RoutingContext rc, int status, String body) {
        rc.response().putHeader("Content-Type", "application/json");
        return send(rc, status, body);
    }

    private static Uni<Void> send(RoutingContext rc, int status, String body) {
        HttpServerResponse response = rc.response().setStatusCode(status).putHeader(API_VERSION, "registry/2.0");
        Buffer buffer = Buffer.buffer(body);
        if (rc.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(buffer.length()));
            return Uni.createFrom().completionStage(() -> response.end().toCompletionStage());
        }
        return Uni.createFrom().completionStage(() -> response.end(buffer).toCompletionStage());
    }

    private static Uni<Void> empty(RoutingContext rc, int status) {
        HttpServerResponse response = rc.response().setStatusCode(status).putHeader(API_VERSION, "registry/2.0")
                .putHeader("Content-Length", "0");
        return Uni.createFrom().completionStage(() -> response.end().toCompletionStage());
    }

    private void fail(RoutingContext rc, HttpRequestBody body, Throwable failure) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            body.discard();
            return;
        }
        RegistryException error;
        if (failure instanceof RegistryException) {
            error = (RegistryException) failure;
        } else {
            LOG.errorf(failure, "%s %s failed", rc.request().method(), rc.request().path());
            error = new RegistryException(ErrorCode.UNKNOWN, "internal error: " + failure.getMessage());
        }
        // A refused body is not read; closing the connection saves the client sending it all.
        if (!body.consumed() && body.present()) {
            response.putHeader("Connection", "close");
        }
        body.discard();
        ObjectNode entry = Json.MAPPER.createObjectNode()
                .put("code", error.code().name())
                .put("message", error.getMessage());
        if (error.detail() != null) {
            entry.set("detail", Json.MAPPER.valueToTree(error.detail()));
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putArray("errors").add(entry);
        // Drop headers meant for a success (an upload's Location, a digest).
        for (String header : List.of("Location", CONTENT_DIGEST, "OCI-Subject", "Link")) {
            response.headers().remove(header);
        }
        error.headers().forEach(response::putHeader);
        json(rc, error.status(), out.toString()).subscribe().with(x -> { }, e -> { });
    }
}
