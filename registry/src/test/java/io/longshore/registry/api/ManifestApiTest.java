package io.longshore.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.messaging.ImageActionEvent;
import io.longshore.common.messaging.Topics;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Manifests over /v2: push validation, pull by tag and digest, negotiation, tags, deletes, referrers, events. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class ManifestApiTest {
    @Inject
    RegistryTokens tokens;

    Registry registry;
    String repo;

    @BeforeEach
    void setUp() {
        registry = new Registry(tokens);
        repo = registry.createRepository(Registry.uniqueName("team/images"));
    }

    @Test
    void pushByTagThenPullByTagAndDigestByteForByte() {
        // odd whitespace: the bytes must come back exactly as pushed, not re-serialised
        String manifest = registry.pushImageBlobs(repo, null).replace(",", ",  ") + "\n";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        String digest = Registry.sha256(bytes);
        registry.putManifest(repo, "v1", Registry.OCI_MANIFEST, manifest).then().statusCode(201)
                .header("Docker-Content-Digest", digest)
                .header("Location", "/v2/" + repo + "/manifests/" + digest);

        for (String ref : List.of("v1", digest)) {
            byte[] pulled = registry.v2().accept(Registry.OCI_MANIFEST).get("/v2/" + repo + "/manifests/" + ref)
                    .then().statusCode(200)
                    .header("Content-Type", Registry.OCI_MANIFEST)
                    .header("Docker-Content-Digest", digest)
                    .extract().asByteArray();
            assertThat(pulled).isEqualTo(bytes);
            registry.v2().head("/v2/" + repo + "/manifests/" + ref).then().statusCode(200)
                    .header("Content-Length", String.valueOf(bytes.length))
                    .header("Docker-Content-Digest", digest);
        }
        registry.v2().get("/v2/" + repo + "/manifests/nope").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void pushByDigestChecksTheDigest() {
        String manifest = registry.pushImageBlobs(repo, null);
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        registry.putManifest(repo, Registry.sha256("other".getBytes()), Registry.OCI_MANIFEST, manifest)
                .then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        registry.putManifest(repo, Registry.sha512(bytes), Registry.OCI_MANIFEST, manifest).then().statusCode(201)
                .header("Docker-Content-Digest", Registry.sha512(bytes));
        registry.putManifest(repo, Registry.sha256(bytes), Registry.OCI_MANIFEST, manifest).then().statusCode(201);
        registry.v2().get("/v2/" + repo + "/manifests/" + Registry.sha512(bytes)).then().statusCode(200);
    }

    @Test
    void acceptNegotiation() {
        // a Docker schema 2 manifest and an OCI manifest; each served as stored, when acceptable
        String configDigest = registry.pushBlob(repo, "{}".getBytes());
        String layer = registry.pushBlob(repo, Registry.randomBytes(100));
        String docker = Registry.imageManifest(Registry.DOCKER_MANIFEST, configDigest, 2, List.of(layer), List.of(100),
                null);
        registry.putManifest(repo, "docker", Registry.DOCKER_MANIFEST, docker).then().statusCode(201);
        String oci = Registry.imageManifest(Registry.OCI_MANIFEST, configDigest, 2, List.of(layer), List.of(100), null);
        registry.putManifest(repo, "oci", Registry.OCI_MANIFEST, oci).then().statusCode(201);

        registry.v2().header("Accept", Registry.DOCKER_MANIFEST + ", " + Registry.DOCKER_LIST)
                .get("/v2/" + repo + "/manifests/docker").then().statusCode(200)
                .header("Content-Type", Registry.DOCKER_MANIFEST);
        registry.v2().header("Accept", Registry.DOCKER_MANIFEST)
                .get("/v2/" + repo + "/manifests/oci").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        registry.v2().header("Accept", Registry.DOCKER_MANIFEST).header("Accept", Registry.OCI_MANIFEST)
                .get("/v2/" + repo + "/manifests/oci").then().statusCode(200)
                .header("Content-Type", Registry.OCI_MANIFEST);
        registry.v2().header("Accept", "*/*").get("/v2/" + repo + "/manifests/docker").then().statusCode(200);

        // an index (manifest list) over both
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Registry.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + Registry.OCI_MANIFEST + "\",\"digest\":\"" + Registry.sha256(oci.getBytes())
                + "\",\"size\":" + oci.length() + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        registry.putManifest(repo, "multi", Registry.OCI_INDEX, index).then().statusCode(201);
        registry.v2().header("Accept", Registry.OCI_INDEX).get("/v2/" + repo + "/manifests/multi").then()
                .statusCode(200).header("Content-Type", Registry.OCI_INDEX);
        // an index referring to a manifest the repository does not have
        String broken = index.replace(Registry.sha256(oci.getBytes()), Registry.sha256("nope".getBytes()));
        registry.putManifest(repo, "broken", Registry.OCI_INDEX, broken).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
    }

    @Test
    void invalidManifestsAreRefused() {
        String missing = Registry.sha256("missing layer".getBytes());
        String configDigest = registry.pushBlob(repo, "{}".getBytes());
        registry.putManifest(repo, "x", Registry.OCI_MANIFEST, Registry.imageManifest(Registry.OCI_MANIFEST,
                        configDigest, 2, List.of(missing), List.of(5), null))
                .then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"))
                .body("errors[0].detail", equalTo(missing));
        registry.putManifest(repo, "x", Registry.OCI_MANIFEST, "{not json").then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID"));
        registry.putManifest(repo, "x", Registry.OCI_MANIFEST, "{\"schemaVersion\":2,\"layers\":[]}").then()
                .statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"))
                .body("errors[0].message", containsString("config"));
        registry.putManifest(repo, "bad~tag", Registry.OCI_MANIFEST, "{}").then().statusCode(400)
                .body("errors[0].code", equalTo("TAG_INVALID"));
        String big = Registry.imageManifest(Registry.OCI_MANIFEST, configDigest, 2, List.of(), List.of(),
                "\"annotations\":{\"pad\":\"" + "x".repeat(70_000) + "\"}");
        registry.putManifest(repo, "big", Registry.OCI_MANIFEST, big).then().statusCode(413)
                .body("errors[0].code", equalTo("SIZE_INVALID"));
        registry.v2().get("/v2/" + repo + "/manifests/x").then().statusCode(404);
        registry.v2().get("/v2/" + repo + "/manifests/big").then().statusCode(404);
    }

    @Test
    void tagsListPaginates() {
        String manifest = registry.pushImageBlobs(repo, null);
        for (String tag : List.of("b", "a", "c", "A1", "d")) {
            registry.putManifest(repo, tag, Registry.OCI_MANIFEST, manifest).then().statusCode(201);
        }
        registry.v2().get("/v2/" + repo + "/tags/list").then().statusCode(200)
                .body("name", equalTo(repo)).body("tags", equalTo(List.of("A1", "a", "b", "c", "d")));
        String link = registry.v2().get("/v2/" + repo + "/tags/list?n=2").then().statusCode(200)
                .body("tags", equalTo(List.of("A1", "a")))
                .extract().header("Link");
        assertThat(link).isEqualTo("</v2/" + repo + "/tags/list?n=2&last=a>; rel=\"next\"");
        registry.v2().get("/v2/" + repo + "/tags/list?n=2&last=a").then().body("tags", equalTo(List.of("b", "c")));
        registry.v2().get("/v2/" + repo + "/tags/list?n=2&last=c").then().body("tags", equalTo(List.of("d")))
                .header("Link", nullValue());
        registry.v2().get("/v2/" + repo + "/tags/list?n=0").then().body("tags", hasSize(0));
        registry.v2().get("/v2/" + repo + "/tags/list?n=-1").then().statusCode(400);
        registry.v2().get("/v2/none/such/tags/list").then().statusCode(404).body("errors[0].code",
                equalTo("NAME_UNKNOWN"));
    }

    @Test
    void deleteTagAndManifest() {
        String digest = registry.pushImage(repo, "one");
        registry.putManifest(repo, "two", Registry.OCI_MANIFEST,
                registry.v2().get("/v2/" + repo + "/manifests/one").asString()).then().statusCode(201);
        registry.v2().delete("/v2/" + repo + "/manifests/one").then().statusCode(202);
        registry.v2().get("/v2/" + repo + "/manifests/one").then().statusCode(404);
        registry.v2().get("/v2/" + repo + "/manifests/two").then().statusCode(200);
        registry.v2().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(202);
        registry.v2().get("/v2/" + repo + "/manifests/two").then().statusCode(404);
        registry.v2().get("/v2/" + repo + "/manifests/" + digest).then().statusCode(404);
        registry.v2().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        registry.v2().get("/v2/" + repo + "/tags/list").then().body("tags", hasSize(0));
    }

    @Test
    void referrersAndOciSubject() {
        String subject = registry.pushImage(repo, "app");
        String empty = registry.pushBlob(repo, "{}".getBytes());
        String sbom = "{\"schemaVersion\":2,\"mediaType\":\"" + Registry.OCI_MANIFEST + "\",\"artifactType\":"
                + "\"application/spdx+json\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
                + "\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + empty + "\",\"size\":2}],"
                + "\"subject\":{\"mediaType\":\"" + Registry.OCI_MANIFEST + "\",\"digest\":\"" + subject
                + "\",\"size\":100},\"annotations\":{\"kind\":\"sbom\"}}";
        String sbomDigest = Registry.sha256(sbom.getBytes());
        registry.putManifest(repo, sbomDigest, Registry.OCI_MANIFEST, sbom).then().statusCode(201)
                .header("OCI-Subject", subject);
        String sig = sbom.replace("application/spdx+json", "application/vnd.example.sig").replace("sbom", "sig");
        registry.putManifest(repo, Registry.sha256(sig.getBytes()), Registry.OCI_MANIFEST, sig).then()
                .statusCode(201);

        registry.v2().get("/v2/" + repo + "/referrers/" + subject).then().statusCode(200)
                .header("Content-Type", Registry.OCI_INDEX)
                .body("schemaVersion", equalTo(2))
                .body("mediaType", equalTo(Registry.OCI_INDEX))
                .body("manifests", hasSize(2))
                .body("manifests[0].digest", equalTo(sbomDigest))
                .body("manifests[0].artifactType", equalTo("application/spdx+json"))
                .body("manifests[0].annotations.kind", equalTo("sbom"))
                .body("manifests[0].size", equalTo(sbom.length()));
        registry.v2().get("/v2/" + repo + "/referrers/" + subject + "?artifactType=application/vnd.example.sig")
                .then().statusCode(200).header("OCI-Filters-Applied", "artifactType")
                .body("manifests", hasSize(1))
                .body("manifests[0].artifactType", equalTo("application/vnd.example.sig"));
        registry.v2().get("/v2/" + repo + "/referrers/" + Registry.sha256("nothing".getBytes())).then()
                .statusCode(200).body("manifests", hasSize(0));
        // a manifest without subject: no OCI-Subject header
        registry.putManifest(repo, "plain", Registry.OCI_MANIFEST, registry.pushImageBlobs(repo, null)).then()
                .statusCode(201).header("OCI-Subject", nullValue());
    }

    @Test
    void immutableTagsCannotMove() {
        String locked = registry.createRepository(Registry.uniqueName("team/locked"), "IMMUTABLE");
        String first = registry.pushImageBlobs(locked, null);
        registry.putManifest(locked, "v1", Registry.OCI_MANIFEST, first).then().statusCode(201);
        registry.putManifest(locked, "v1", Registry.OCI_MANIFEST, first).then().statusCode(201); // same digest: fine
        String second = registry.pushImageBlobs(locked, null);
        registry.putManifest(locked, "v1", Registry.OCI_MANIFEST, second).then().statusCode(400)
                .body("errors[0].code", equalTo("TAG_INVALID"))
                .body("errors[0].message", containsString("ImageTagAlreadyExistsException"));
        assertThat(registry.v2().get("/v2/" + locked + "/manifests/v1").asString()).isEqualTo(first);
        // the refused push stored nothing, not even the untagged manifest
        registry.v2().get("/v2/" + locked + "/manifests/" + Registry.sha256(second.getBytes())).then()
                .statusCode(404);
        // in a MUTABLE repository the tag moves
        registry.putManifest(repo, "v1", Registry.OCI_MANIFEST, first.replace(locked, repo)).then();
        String a = registry.pushImage(repo, "moving");
        String b = registry.pushImage(repo, "moving");
        assertThat(a).isNotEqualTo(b);
        registry.v2().get("/v2/" + repo + "/manifests/moving").then().header("Docker-Content-Digest", b);
    }

    @Test
    void pushesAndDeletesArePublishedOnKafka() throws Exception {
        try (KafkaTestClient.Collector events = KafkaTestClient.collect(Topics.REGISTRY_EVENTS)) {
            String digest = registry.pushImage(repo, "evt");
            registry.v2().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ImageActionEvent> mine = events.values(ImageActionEvent.class).stream()
                        .filter(e -> repo.equals(e.detail().repositoryName())).toList();
                assertThat(mine).extracting(e -> e.detail().actionType())
                        .containsExactly(ImageActionEvent.PUSH, ImageActionEvent.DELETE);
                assertThat(mine).allSatisfy(e -> {
                    assertThat(e.detail().imageDigest()).isEqualTo(digest);
                    assertThat(e.detail().imageTag()).isEqualTo("evt");
                    assertThat(e.detail().result()).isEqualTo(ImageActionEvent.SUCCESS);
                });
            });
            assertThat(events.records().stream().filter(r -> repo.equals(r.key())).count()).isEqualTo(2);
        }
    }
}
