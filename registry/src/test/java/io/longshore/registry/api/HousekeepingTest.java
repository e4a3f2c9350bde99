package io.longshore.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.registry.oci.Digest;
import io.longshore.registry.service.ImageCatalog;
import io.longshore.registry.service.UploadSweeper;
import io.longshore.registry.storage.BlobStorage;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Abandoned uploads are swept; ImageCatalog lists and deletes images and collects unused blobs. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class HousekeepingTest {
    @Inject
    RegistryTokens tokens;
    @Inject
    UploadSweeper sweeper;
    @Inject
    ImageCatalog catalog;
    @Inject
    BlobStorage storage;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void abandonedUploadsAreCleanedUp() throws Exception {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("sweep/repo"));
        String old = registry.v2().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract()
                .header("Location");
        registry.v2().body(Registry.randomBytes(1000)).patch(old).then().statusCode(202);
        String fresh = registry.v2().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract()
                .header("Location");
        UUID oldId = UUID.fromString(old.substring(old.lastIndexOf('/') + 1));
        UUID freshId = UUID.fromString(fresh.substring(fresh.lastIndexOf('/') + 1));
        UUID orphan = UUID.randomUUID(); // a file whose record never got written
        storage.createUpload(orphan);

        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        execute("UPDATE registry.uploads SET updated_at = now() - interval '2 hours' WHERE id = '" + oldId + "'");
        Files.setLastModifiedTime(storage.uploadPath(oldId), FileTime.from(longAgo));
        Files.setLastModifiedTime(storage.uploadPath(orphan), FileTime.from(longAgo));

        sweeper.sweep().await().atMost(Duration.ofSeconds(30));

        registry.v2().get(old).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
        assertThat(storage.uploadPath(oldId)).doesNotExist();
        assertThat(storage.uploadPath(orphan)).doesNotExist();
        registry.v2().get(fresh).then().statusCode(204);
        assertThat(storage.uploadPath(freshId)).exists();
    }

    @Test
    void imageCatalogListsDeletesAndCollectsBlobs() {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("gc/repo"));
        String manifest = registry.pushImageBlobs(repo, null);
        registry.putManifest(repo, "keep", Registry.OCI_MANIFEST, manifest).then().statusCode(201);
        String digest = Registry.sha256(manifest.getBytes());
        String untagged = registry.pushImage(repo, "gone");
        registry.v2().delete("/v2/" + repo + "/manifests/gone").then().statusCode(202);

        List<ImageCatalog.Image> images = catalog.listImages(repo).await().atMost(Duration.ofSeconds(10));
        assertThat(images).extracting(ImageCatalog.Image::digest).containsExactlyInAnyOrder(digest, untagged);
        assertThat(images).filteredOn(i -> i.digest().equals(digest)).singleElement()
                .satisfies(i -> {
                    assertThat(i.tags()).containsExactly("keep");
                    assertThat(i.mediaType()).isEqualTo(Registry.OCI_MANIFEST);
                    assertThat(i.sizeInBytes()).isGreaterThan(2048);
                });
        assertThat(images).filteredOn(i -> i.digest().equals(untagged)).singleElement()
                .satisfies(i -> assertThat(i.tags()).isEmpty());

        // a blob nothing refers to; and the layers of the image, which are referenced
        byte[] loose = Registry.randomBytes(500);
        String looseDigest = registry.pushBlob(repo, loose);
        Instant future = Instant.now().plusSeconds(60);
        List<String> unused = catalog.unreferencedBlobs(future, 10_000).await().atMost(Duration.ofSeconds(10));
        assertThat(unused).contains(looseDigest);
        String layer = manifest.substring(manifest.lastIndexOf("sha256:"), manifest.lastIndexOf("sha256:") + 71);
        assertThat(unused).doesNotContain(layer);
        // too young for the cutoff: kept
        assertThat(catalog.deleteBlobIfUnreferenced(looseDigest, Instant.now().minusSeconds(3600))
                .await().atMost(Duration.ofSeconds(10))).isFalse();
        assertThat(catalog.deleteBlobIfUnreferenced(layer, future).await().atMost(Duration.ofSeconds(10))).isFalse();
        assertThat(catalog.deleteBlobIfUnreferenced(looseDigest, future).await().atMost(Duration.ofSeconds(10)))
                .isTrue();
        Path file = storage.blobPath(Digest.parse(looseDigest));
        assertThat(file).doesNotExist();
        registry.v2().head("/v2/" + repo + "/blobs/" + looseDigest).then().statusCode(404);
        registry.v2().head("/v2/" + repo + "/blobs/" + layer).then().statusCode(200);

        // deleting the image frees its layers for collection
        assertThat(catalog.deleteImage(repo, digest).await().atMost(Duration.ofSeconds(10))).isTrue();
        assertThat(catalog.deleteImage(repo, digest).await().atMost(Duration.ofSeconds(10))).isFalse();
        registry.v2().get("/v2/" + repo + "/manifests/keep").then().statusCode(404);
        assertThat(catalog.unreferencedBlobs(future, 10_000).await().atMost(Duration.ofSeconds(10))).contains(layer);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }
}
