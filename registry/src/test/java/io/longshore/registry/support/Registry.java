package io.longshore.registry.support;

import static io.restassured.RestAssured.given;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.auth.RegistryTokens.Grant;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: tokens, repositories, blobs and manifests pushed over the real /v2 API. */
public final class Registry {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Random RANDOM = new Random();

    private final RegistryTokens tokens;
    private final String token;

    public Registry(RegistryTokens tokens) {
        this.tokens = tokens;
        this.token = tokens.issue("test-admin", List.of(new Grant("*", Set.of(RegistryTokens.PULL,
                RegistryTokens.PUSH))), Duration.ofHours(1));
    }

    /** A token for everything. */
    public String token() {
        return token;
    }

    public String token(String repositories, String... actions) {
        return tokens.issue("test", List.of(new Grant(repositories, Set.of(actions))), Duration.ofHours(1));
    }

    /** A request carrying the all-powerful token. */
    public RequestSpecification v2() {
        return given().header("Authorization", "Bearer " + token).urlEncodingEnabled(false);
    }

    public RequestSpecification v2(String bearer) {
        return given().header("Authorization", "Bearer " + bearer).urlEncodingEnabled(false);
    }

    /** A repository name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + COUNTER.incrementAndGet();
    }

    /** Creates a repository through /v1 and returns its name. */
    public String createRepository(String name) {
        return createRepository(name, "MUTABLE");
    }

    public String createRepository(String name, String mutability) {
        given().contentType(ContentType.JSON)
                .body("{\"repositoryName\":\"" + name + "\",\"imageTagMutability\":\"" + mutability + "\"}")
                .post("/v1/repositories").then().statusCode(201);
        return name;
    }

    public static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    public static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes a blob monolithically (POST ?digest=) and returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        v2().contentType("application/octet-stream").body(content)
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + digest)
                .then().statusCode(201);
        return digest;
    }

    /** An image manifest (OCI) over a config and layers already pushed. */
    public static String imageManifest(String mediaType, String configDigest, int configSize, List<String> layerDigests,
                                       List<Integer> layerSizes, String extra) {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < layerDigests.size(); i++) {
            if (i > 0) {
                layers.append(',');
            }
            layers.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
                    .append(layerDigests.get(i)).append("\",\"size\":").append(layerSizes.get(i)).append('}');
        }
        return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + configSize + "},\"layers\":[" + layers + "]" + (extra == null ? "" : "," + extra) + "}";
    }

    /** A small image (config + one layer) pushed to the repository; returns the manifest JSON. */
    public String pushImageBlobs(String repository, String extra) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + RANDOM.nextLong() + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = randomBytes(2048);
        String configDigest = pushBlob(repository, config);
        String layerDigest = pushBlob(repository, layer);
        return imageManifest(OCI_MANIFEST, configDigest, config.length, List.of(layerDigest), List.of(layer.length),
                extra);
    }

    /** PUTs a manifest; returns the response. */
    public Response putManifest(String repository, String reference, String mediaType, String json) {
        return v2().contentType(mediaType).body(json.getBytes(StandardCharsets.UTF_8))
                .put("/v2/" + repository + "/manifests/" + reference);
    }

    /** Pushes a fresh small image under the tag; returns its manifest digest. */
    public String pushImage(String repository, String tag) {
        String manifest = pushImageBlobs(repository, null);
        putManifest(repository, tag, OCI_MANIFEST, manifest).then().statusCode(201);
        return sha256(manifest.getBytes(StandardCharsets.UTF_8));
    }
}
