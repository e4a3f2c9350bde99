package io.longshore.registry.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.messaging.ImageActionEvent;
import io.longshore.common.messaging.Topics;
import io.longshore.registry.oci.Digest;
import io.longshore.registry.service.GarbageCollector;
import io.longshore.registry.storage.BlobStorage;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled lifecycle runs (called directly, at a moved clock) expire images through the catalog,
 * and garbage collection then removes the blobs nothing refers to any more.
 */
@QuarkusTest
@TestProfile(LifecycleTestProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class LifecycleRunTest {
    /** dev* images older than 7 days go; of all images only the 2 newest stay (dev* ones kept by rule 1 excepted). */
    static final String POLICY = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\","
            + "\"tagPrefixList\":[\"dev\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},"
            + "\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}";

    @Inject
    RegistryTokens tokens;
    @Inject
    MutableClock clock;
    @Inject
    LifecycleRunner runner;
    @Inject
    GarbageCollector collector;
    @Inject
    BlobStorage storage;
    @Inject
    Scheduler scheduler;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An image pushed at the clock's current time: config + layers (pushed first unless given). */
    private record Image(String digest, String config, List<String> layers) {
        List<String> blobs() {
            List<String> all = new ArrayList<>(layers);
            all.add(config);
            return all;
        }
    }

    private Image push(Registry registry, String repo, String tag, String... sharedLayers) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"id\":\"" + Registry.uniqueName("c") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = Registry.randomBytes(1024);
        String configDigest = registry.pushBlob(repo, config);
        String layerDigest = registry.pushBlob(repo, layer);
        List<String> layers = new ArrayList<>(List.of(layerDigest));
        List<Integer> sizes = new ArrayList<>(List.of(layer.length));
        for (String shared : sharedLayers) {
            layers.add(shared);
            sizes.add(1024);
        }
        String manifest = Registry.imageManifest(Registry.OCI_MANIFEST, configDigest, config.length, layers, sizes, null);
        String digest = Registry.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        registry.putManifest(repo, tag == null ? digest : tag, Registry.OCI_MANIFEST, manifest).then().statusCode(201);
        return new Image(digest, configDigest, layers);
    }

    private boolean blobFileExists(String digest) {
        return storage.blobExists(Digest.parse(digest));
    }

    @Test
    void aRunExpiresWhatThePolicySelectsAndGarbageCollectionFreesTheirBlobs() throws Exception {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("lc/run/app"));
        String bystander = registry.createRepository(Registry.uniqueName("lc/run/nopolicy"));

        clock.setOffset(Duration.ofDays(-30));
        byte[] sharedBytes = Registry.randomBytes(1024);
        String shared = registry.pushBlob(repo, sharedBytes);
        Image devOld = push(registry, repo, "dev-1", shared);        // rule 1: dev*, 30 days old
        Image untaggedOld = push(registry, repo, null);               // rule 2: surplus
        Image elsewhere = push(registry, bystander, "dev-1");         // no policy there: stays
        byte[] looseOldBytes = Registry.randomBytes(700);
        String looseOld = registry.pushBlob(repo, looseOldBytes);     // referenced by nothing: collected
        clock.setOffset(Duration.ofDays(-15));
        Image untaggedMid = push(registry, repo, null);               // rule 2: surplus
        clock.setOffset(Duration.ofDays(-10));
        Image relOld = push(registry, repo, "rel-1");                 // rule 2: surplus
        clock.setOffset(Duration.ofDays(-1));
        Image devYoung = push(registry, repo, "dev-2");               // rule 1 keeps it (and claims it)
        clock.reset();
        Image relNew = push(registry, repo, "rel-2", shared);         // newest: kept, shares a layer with devOld
        String looseYoung = registry.pushBlob(repo, Registry.randomBytes(600)); // within the grace: kept

        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200);
        List<String> expected = List.of(devOld.digest(), untaggedOld.digest(), untaggedMid.digest(), relOld.digest());
        given().contentType(ContentType.JSON).post("/v1/repositories/" + repo + "/lifecycle-policy/preview").then()
                .statusCode(200).body("summary.expiringImageTotalCount", equalTo(4));

        // an upload in progress when the run and the collection happen: re-pushing devOld's own layer
        byte[] devOldLayer = registry.v2().get("/v2/" + repo + "/blobs/" + devOld.layers().get(0)).then()
                .statusCode(200).extract().asByteArray();
        String upload = registry.v2().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract()
                .header("Location");
        registry.v2().contentType("application/octet-stream").body(Arrays.copyOf(devOldLayer, 500)).patch(upload)
                .then().statusCode(202);

        try (KafkaTestClient.Collector events = KafkaTestClient.collect(Topics.REGISTRY_EVENTS)) {
            LifecycleRunner.Result result = runner.runOnce().await().atMost(Duration.ofSeconds(30));
            assertThat(result.failed()).isEmpty();
            assertThat(result.expired().get(repo)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(result.expired()).doesNotContainKey(bystander);

            // ECR Image Action DELETE events, one per tag, one without a tag for an untagged image
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ImageActionEvent> deletes = events.values(ImageActionEvent.class).stream()
                        .filter(e -> repo.equals(e.detail().repositoryName()))
                        .filter(e -> ImageActionEvent.DELETE.equals(e.detail().actionType())).toList();
                assertThat(deletes).extracting(e -> e.detail().imageDigest())
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(deletes).filteredOn(e -> e.detail().imageDigest().equals(devOld.digest()))
                        .singleElement().satisfies(e -> assertThat(e.detail().imageTag()).isEqualTo("dev-1"));
                assertThat(deletes).filteredOn(e -> e.detail().imageDigest().equals(untaggedOld.digest()))
                        .singleElement().satisfies(e -> assertThat(e.detail().imageTag()).isNull());
                assertThat(deletes).allSatisfy(e ->
                        assertThat(e.detail().result()).isEqualTo(ImageActionEvent.SUCCESS));
            });
        }

        // their tags and digests are gone; the others stay
        for (String gone : List.of("dev-1", "rel-1", devOld.digest(), untaggedOld.digest(), untaggedMid.digest())) {
            registry.v2().get("/v2/" + repo + "/manifests/" + gone).then().statusCode(404)
                    .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        }
        for (String kept : List.of("dev-2", "rel-2")) {
            registry.v2().get("/v2/" + repo + "/manifests/" + kept).then().statusCode(200);
        }
        registry.v2().get("/v2/" + bystander + "/manifests/dev-1").then().statusCode(200);
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200)
                .body("lastEvaluatedAt", notNullValue());
        // nothing left to expire: a second run deletes nothing
        assertThat(runner.runOnce().await().atMost(Duration.ofSeconds(30)).expired().get(repo)).isEmpty();

        // garbage collection: the expired images' own blobs and the old loose blob go
        int collected = collector.collect().await().atMost(Duration.ofSeconds(30));
        List<String> freed = new ArrayList<>(List.of(looseOld));
        for (Image image : List.of(devOld, untaggedOld, untaggedMid, relOld)) {
            freed.add(image.config());
            freed.add(image.layers().get(0));
        }
        assertThat(collected).isGreaterThanOrEqualTo(freed.size());
        assertThat(freed).allSatisfy(digest -> assertThat(blobFileExists(digest)).as(digest).isFalse());
        registry.v2().head("/v2/" + repo + "/blobs/" + looseOld).then().statusCode(404);
        // ... but not a blob another image still refers to, nor those of kept images, nor a young one
        List<String> kept = new ArrayList<>(List.of(shared, looseYoung));
        for (Image image : List.of(devYoung, relNew, elsewhere)) {
            kept.addAll(image.blobs());
        }
        assertThat(kept).allSatisfy(digest -> assertThat(blobFileExists(digest)).as(digest).isTrue());
        registry.v2().get("/v2/" + repo + "/blobs/" + shared).then().statusCode(200);
        registry.v2().get("/v2/" + bystander + "/manifests/dev-1").then().statusCode(200);

        // the upload in progress is untouched and completes, bringing the collected layer back
        registry.v2().get(upload).then().statusCode(204).header("Range", "0-499");
        String layer = devOld.layers().get(0);
        registry.v2().contentType("application/octet-stream")
                .body(Arrays.copyOfRange(devOldLayer, 500, devOldLayer.length))
                .put(upload + (upload.contains("?") ? "&" : "?") + "digest=" + layer).then().statusCode(201);
        assertThat(blobFileExists(layer)).isTrue();
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + layer).then().statusCode(200).extract()
                .asByteArray()).isEqualTo(devOldLayer);

        // once past the grace, the young loose blob is collected too
        clock.setOffset(Duration.ofHours(2));
        collector.collect().await().atMost(Duration.ofSeconds(30));
        clock.reset();
        assertThat(blobFileExists(looseYoung)).isFalse();
        assertThat(blobFileExists(shared)).isTrue();
    }

    @Test
    void bothRunsAreScheduled() {
        assertThat(scheduler.getScheduledJob("registry-lifecycle")).isNotNull();
        assertThat(scheduler.getScheduledJob("registry-gc")).isNotNull();
    }

    @Test
    void imagesAnIndexRefersToAreNotExpiredWhileTheIndexExists() {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("lc/run/index"));
        clock.setOffset(Duration.ofDays(-30));
        Image child = push(registry, repo, null);
        Image loneOld = push(registry, repo, null);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Registry.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + Registry.OCI_MANIFEST + "\",\"digest\":\"" + child.digest() + "\",\"size\":"
                + registry.v2().get("/v2/" + repo + "/manifests/" + child.digest()).then().statusCode(200).extract()
                .asByteArray().length + "}]}";
        clock.reset();
        registry.putManifest(repo, "multi", Registry.OCI_INDEX, index).then().statusCode(201);
        String untaggedPolicy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
                + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}";
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", untaggedPolicy))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200);

        LifecycleRunner.Result result = runner.runOnce().await().atMost(Duration.ofSeconds(30));
        assertThat(result.expired().get(repo)).containsExactly(loneOld.digest());
        registry.v2().get("/v2/" + repo + "/manifests/" + child.digest()).then().statusCode(200);

        // the index gone, the child is an old untagged image like any other
        registry.v2().delete("/v2/" + repo + "/manifests/multi").then().statusCode(202);
        String indexDigest = Registry.sha256(index.getBytes(StandardCharsets.UTF_8));
        registry.v2().delete("/v2/" + repo + "/manifests/" + indexDigest).then().statusCode(202);
        assertThat(runner.runOnce().await().atMost(Duration.ofSeconds(30)).expired().get(repo))
                .containsExactly(child.digest());
    }
}
