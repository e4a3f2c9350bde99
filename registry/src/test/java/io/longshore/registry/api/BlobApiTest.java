package io.longshore.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blob push (monolithic, POST+PUT, chunked, mount) and pull (HEAD, GET, Range) over /v2. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class BlobApiTest {
    @Inject
    RegistryTokens tokens;

    @ConfigProperty(name = "longshore.registry.storage-root")
    String storageRoot;

    Registry registry;
    String repo;

    @BeforeEach
    void setUp() {
        registry = new Registry(tokens);
        repo = registry.createRepository(Registry.uniqueName("team/blobs"));
    }

    @Test
    void monolithicPushThenHeadGetAndRange() {
        byte[] content = Registry.randomBytes(100_000);
        String digest = Registry.sha256(content);
        registry.v2().body(content).post("/v2/" + repo + "/blobs/uploads/?digest=" + digest)
                .then().statusCode(201)
                .header("Location", "/v2/" + repo + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest);

        registry.v2().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                .header("Content-Length", "100000")
                .header("Docker-Content-Digest", digest);
        byte[] pulled = registry.v2().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                .header("Docker-Content-Digest", digest).extract().asByteArray();
        assertThat(pulled).isEqualTo(content);

        byte[] part = registry.v2().header("Range", "bytes=10-19").get("/v2/" + repo + "/blobs/" + digest)
                .then().statusCode(206).header("Content-Range", "bytes 10-19/100000")
                .extract().asByteArray();
        assertThat(part).isEqualTo(Arrays.copyOfRange(content, 10, 20));
        byte[] tail = registry.v2().header("Range", "bytes=-5").get("/v2/" + repo + "/blobs/" + digest)
                .then().statusCode(206).header("Content-Range", "bytes 99995-99999/100000")
                .extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(content, 99995, 100000));
        registry.v2().header("Range", "bytes=100000-").get("/v2/" + repo + "/blobs/" + digest)
                .then().statusCode(416).header("Content-Range", "bytes */100000");

        // stored content-addressed under the storage root
        assertThat(Path.of(storageRoot, "blobs", "sha256", digest.substring(7, 9), digest.substring(7)))
                .exists().hasSize(100_000);
    }

    @Test
    void aBlobOfManyChunksArrivesWholeAndByRangesAcrossChunkBoundaries() {
        byte[] content = Registry.randomBytes(5 * 1024 * 1024 + 123);
        String digest = Registry.sha256(content);
        registry.v2().body(content).post("/v2/" + repo + "/blobs/uploads/?digest=" + digest).then().statusCode(201);

        for (int pull = 0; pull < 3; pull++) { // the send buffers are pooled and reused
            byte[] pulled = registry.v2().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                    .header("Content-Length", String.valueOf(content.length)).extract().asByteArray();
            assertThat(pulled).isEqualTo(content);
        }
        byte[] part = registry.v2().header("Range", "bytes=65530-1000000").get("/v2/" + repo + "/blobs/" + digest)
                .then().statusCode(206).header("Content-Range", "bytes 65530-1000000/" + content.length)
                .extract().asByteArray();
        assertThat(part).isEqualTo(Arrays.copyOfRange(content, 65530, 1000001));
    }

    @Test
    void aBlobFileCutShortOnDiskEndsTheConnectionRatherThanLookingComplete() throws Exception {
        byte[] content = Registry.randomBytes(300_000);
        String digest = Registry.sha256(content);
        registry.v2().body(content).post("/v2/" + repo + "/blobs/uploads/?digest=" + digest).then().statusCode(201);
        Path file = Path.of(storageRoot, "blobs", "sha256", digest.substring(7, 9), digest.substring(7));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(100_000);
        }

        assertThatThrownBy(() -> registry.v2().get("/v2/" + repo + "/blobs/" + digest)
                .then().extract().asByteArray())
                .hasStackTraceContaining("Premature end of Content-Length delimited message body");
    }

    @Test
    void postThenPutWithTheWholeBody() {
        byte[] content = Registry.randomBytes(5000);
        String digest = Registry.sha256(content);
        String location = startUpload();
        registry.v2().body(content).put(location + "?digest=" + digest).then().statusCode(201)
                .header("Docker-Content-Digest", digest);
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
        // the upload is gone once committed
        registry.v2().get(location).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
    }

    @Test
    void chunkedPushWithStatusAndOutOfOrderChunk() {
        byte[] content = Registry.randomBytes(30_000);
        String digest = Registry.sha256(content);
        String location = startUpload();
        Response status = registry.v2().get(location);
        status.then().statusCode(204).header("Range", "0-0").header("Docker-Upload-UUID", notNullValue());

        patch(location, content, 0, 10_000).then().statusCode(202).header("Range", "0-9999")
                .header("Location", location);
        // a chunk that does not start where the upload ends is refused, and changes nothing
        patch(location, content, 20_000, 30_000).then().statusCode(416).header("Range", "0-9999");
        registry.v2().header("Range", "0-9999").get(location).then().statusCode(204).header("Range", "0-9999")
                .header("Docker-Upload-UUID", location.substring(location.lastIndexOf('/') + 1));
        patch(location, content, 10_000, 20_000).then().statusCode(202).header("Range", "0-19999");
        // the last chunk comes with the PUT
        registry.v2().header("Content-Range", "20000-29999")
                .body(Arrays.copyOfRange(content, 20_000, 30_000))
                .put(location + "?digest=" + digest).then().statusCode(201);
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
    }

    @Test
    void streamedPatchWithoutContentRange() {
        byte[] content = Registry.randomBytes(70_000);
        String digest = Registry.sha256(content);
        String location = startUpload();
        registry.v2().body(Arrays.copyOfRange(content, 0, 40_000)).patch(location).then().statusCode(202)
                .header("Range", "0-39999");
        registry.v2().body(Arrays.copyOfRange(content, 40_000, 70_000)).patch(location).then().statusCode(202)
                .header("Range", "0-69999");
        registry.v2().put(location + "?digest=" + digest).then().statusCode(201);
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
    }

    @Test
    void digestMismatchIsRefusedAndNothingBecomesVisible() {
        byte[] content = Registry.randomBytes(1000);
        String wrong = Registry.sha256("something else".getBytes());
        registry.v2().body(content).post("/v2/" + repo + "/blobs/uploads/?digest=" + wrong)
                .then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        registry.v2().head("/v2/" + repo + "/blobs/" + wrong).then().statusCode(404);
        registry.v2().head("/v2/" + repo + "/blobs/" + Registry.sha256(content)).then().statusCode(404);

        String wrong512 = Registry.sha512("other".getBytes());
        String location = startUpload();
        registry.v2().body(content).put(location + "?digest=" + wrong512)
                .then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        registry.v2().get(location).then().statusCode(404); // the failed upload was discarded
        registry.v2().head("/v2/" + repo + "/blobs/" + wrong512).then().statusCode(404);
    }

    @Test
    void sha512Digests() {
        byte[] content = Registry.randomBytes(4096);
        String digest = Registry.sha512(content);
        registry.v2().body(content).post("/v2/" + repo + "/blobs/uploads/?digest=" + digest).then().statusCode(201);
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                .header("Docker-Content-Digest", digest).extract().asByteArray()).isEqualTo(content);
    }

    @Test
    void malformedDigestsAreRefused() {
        for (String bad : new String[] {"sha256:abc", "sha256:" + "G".repeat(64), "md5:" + "a".repeat(32),
                "sha256:" + "A".repeat(64), "nocolon"}) {
            registry.v2().get("/v2/" + repo + "/blobs/" + bad).then().statusCode(400)
                    .body("errors[0].code", equalTo("DIGEST_INVALID"));
        }
    }

    @Test
    void crossRepositoryMount() {
        String other = registry.createRepository(Registry.uniqueName("team/source"));
        byte[] content = Registry.randomBytes(3000);
        String digest = registry.pushBlob(other, content);

        registry.v2().post("/v2/" + repo + "/blobs/uploads/?mount=" + digest + "&from=" + other)
                .then().statusCode(201).header("Location", "/v2/" + repo + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest);
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);

        // a blob `from` does not have: a normal upload starts
        String absent = Registry.sha256("absent".getBytes());
        registry.v2().post("/v2/" + repo + "/blobs/uploads/?mount=" + absent + "&from=" + other)
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.startsWith("/v2/" + repo
                        + "/blobs/uploads/"));

        // a token that may push here but not pull from `from`: no mount, a normal upload
        String third = registry.createRepository(Registry.uniqueName("team/third"));
        String pushOnly = registry.token(third, RegistryTokens.PUSH, RegistryTokens.PULL);
        registry.v2(pushOnly).post("/v2/" + third + "/blobs/uploads/?mount=" + digest + "&from=" + other)
                .then().statusCode(202);
        registry.v2().head("/v2/" + third + "/blobs/" + digest).then().statusCode(404);
    }

    @Test
    void cancelAndDeleteBlob() {
        String location = startUpload();
        registry.v2().delete(location).then().statusCode(204);
        registry.v2().get(location).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
        registry.v2().patch("/v2/" + repo + "/blobs/uploads/not-a-uuid").then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));

        String digest = registry.pushBlob(repo, Registry.randomBytes(10));
        registry.v2().delete("/v2/" + repo + "/blobs/" + digest).then().statusCode(202);
        registry.v2().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(404);
        registry.v2().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
    }

    @Test
    void anUploadBelongsToItsRepository() {
        String other = registry.createRepository(Registry.uniqueName("team/other"));
        String location = startUpload();
        String id = location.substring(location.lastIndexOf('/') + 1);
        registry.v2().get("/v2/" + other + "/blobs/uploads/" + id).then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
    }

    @Test
    void pushToAMissingRepositoryIsNameUnknown() {
        registry.v2().post("/v2/nobody/here/blobs/uploads/").then().statusCode(404)
                .body("errors[0].code", equalTo("NAME_UNKNOWN"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("POST /v1/repositories"));
        registry.v2().head("/v2/nobody/here/blobs/" + Registry.sha256(new byte[0])).then().statusCode(404);
        registry.v2().get("/v2/nobody/here/blobs/" + Registry.sha256(new byte[0])).then().statusCode(404)
                .body("errors[0].code", equalTo("NAME_UNKNOWN"));
    }

    private String startUpload() {
        return registry.v2().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202)
                .header("Range", "0-0")
                .header("Docker-Upload-UUID", notNullValue())
                .extract().header("Location");
    }

    private Response patch(String location, byte[] content, int from, int to) {
        return registry.v2().header("Content-Range", from + "-" + (to - 1))
                .contentType("application/octet-stream")
                .body(Arrays.copyOfRange(content, from, to)).patch(location);
    }
}
