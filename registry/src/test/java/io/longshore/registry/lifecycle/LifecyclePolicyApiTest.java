package io.longshore.registry.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PUT/GET/DELETE /v1/repositories/{name}/lifecycle-policy and its preview. */
@QuarkusTest
@TestProfile(LifecycleTestProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class LifecyclePolicyApiTest {
    static final String POLICY = "{\"rules\":[{\"rulePriority\":1,\"description\":\"old untagged\","
            + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            + "\"countNumber\":5},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}";

    @Inject
    RegistryTokens tokens;
    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void putGetAndDeleteAPolicy() {
        new Registry(tokens);
        String repo = createRepository(Registry.uniqueName("lc/team/app"));
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200)
                .body("registryId", equalTo("000000000000"))
                .body("repositoryName", equalTo(repo))
                .body("lifecyclePolicyText", equalTo(POLICY));
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200)
                .body("repositoryName", equalTo(repo))
                .body("lifecyclePolicyText", equalTo(POLICY))
                .body("lastEvaluatedAt", nullValue());
        // the repository's own routes still answer beside the sub-resource
        given().get("/v1/repositories/" + repo).then().statusCode(200).body("repository.repositoryName", equalTo(repo));
        given().get("/v1/repositories/" + repo + "/images").then().statusCode(200).body("imageDetails", hasSize(0));

        // replacing it
        String other = POLICY.replace("\"countNumber\":2", "\"countNumber\":7");
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", other))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200);
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then()
                .body("lifecyclePolicyText", equalTo(other));

        given().delete("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200)
                .body("repositoryName", equalTo(repo)).body("lifecyclePolicyText", equalTo(other));
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("LifecyclePolicyNotFoundException"))
                .body("message", containsString(repo));
        given().delete("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("LifecyclePolicyNotFoundException"));
        given().contentType(ContentType.JSON).post("/v1/repositories/" + repo + "/lifecycle-policy/preview")
                .then().statusCode(404).body("__type", equalTo("LifecyclePolicyNotFoundException"));
    }

    @Test
    void aMissingRepositoryIsRepositoryNotFound() {
        String missing = Registry.uniqueName("lc/missing");
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .put("/v1/repositories/" + missing + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("RepositoryNotFoundException"));
        given().get("/v1/repositories/" + missing + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("RepositoryNotFoundException"));
        given().delete("/v1/repositories/" + missing + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("RepositoryNotFoundException"));
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .post("/v1/repositories/" + missing + "/lifecycle-policy/preview").then().statusCode(404)
                .body("__type", equalTo("RepositoryNotFoundException"));
    }

    @Test
    void deletingTheRepositoryDeletesItsPolicy() {
        String repo = createRepository(Registry.uniqueName("lc/cascade"));
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200);
        given().delete("/v1/repositories/" + repo).then().statusCode(200);
        createRepository(repo);
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("LifecyclePolicyNotFoundException"));
    }

    @Test
    void anInvalidPolicyIsRefusedNamingTheFieldAndNothingIsStored() {
        String repo = createRepository(Registry.uniqueName("lc/invalid"));
        String noUnit = POLICY.replace(",\"countUnit\":\"days\"", "");
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", noUnit))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", allOf(containsString("rules[0]"), containsString("selection.countUnit"),
                        containsString("sinceImagePushed")));
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(404)
                .body("__type", equalTo("LifecyclePolicyNotFoundException"));

        // a stored policy survives an invalid replacement
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200);
        String anyFirst = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,"
                + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}";
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", anyFirst))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", allOf(containsString("rulePriority"), containsString("any")));
        given().get("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200)
                .body("lifecyclePolicyText", equalTo(POLICY));

        // not JSON, no text, no body, an unsaved invalid policy to preview
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", "{rules"))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", containsString("lifecyclePolicyText"));
        given().contentType(ContentType.JSON).body("{}")
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(400)
                .body("message", containsString("lifecyclePolicyText"));
        given().contentType(ContentType.JSON)
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(400)
                .body("__type", equalTo("InvalidParameterException"));
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", noUnit))
                .post("/v1/repositories/" + repo + "/lifecycle-policy/preview").then().statusCode(400)
                .body("message", containsString("selection.countUnit"));
    }

    @Test
    void previewListsExactlyWhatTheEvaluatorExpires() {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("lc/preview"));
        // pushed 30, 20, 10 days ago and now; two untagged; one old image only an index refers to
        clock.setOffset(Duration.ofDays(-30));
        String oldest = registry.pushImage(repo, "v1");
        String childManifest = registry.pushImageBlobs(repo, null);
        registry.putManifest(repo, Registry.sha256(childManifest.getBytes()), Registry.OCI_MANIFEST, childManifest)
                .then().statusCode(201);
        String child = Registry.sha256(childManifest.getBytes());
        clock.setOffset(Duration.ofDays(-20));
        String untaggedOld = pushUntagged(registry, repo);
        clock.setOffset(Duration.ofDays(-10));
        String tagged = registry.pushImage(repo, "v2");
        String untaggedYoung = pushUntagged(registry, repo);
        clock.setOffset(Duration.ofDays(-4));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Registry.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + Registry.OCI_MANIFEST + "\",\"digest\":\"" + child + "\",\"size\":"
                + childManifest.length() + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        registry.putManifest(repo, "multi", Registry.OCI_INDEX, index).then().statusCode(201);
        clock.reset();
        String newest = registry.pushImage(repo, "v3");

        JsonPath preview = given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .post("/v1/repositories/" + repo + "/lifecycle-policy/preview").then().statusCode(200)
                .body("repositoryName", equalTo(repo))
                .body("lifecyclePolicyText", equalTo(POLICY))
                .body("status", equalTo("COMPLETE"))
                .extract().jsonPath();

        // what the evaluator says for the images DescribeImages lists, the index's child left out
        List<ImageInfo> images = new ArrayList<>();
        for (Map<String, Object> detail : given().get("/v1/repositories/" + repo + "/images").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("imageDetails")) {
            String digest = (String) detail.get("imageDigest");
            if (!digest.equals(child)) {
                @SuppressWarnings("unchecked")
                List<String> tags = (List<String>) detail.get("imageTags");
                images.add(new ImageInfo(digest, tags, Instant.parse((String) detail.get("imagePushedAt"))));
            }
        }
        assertThat(images).hasSize(6);
        List<ImageExpiration> expected = LifecycleEvaluator.evaluate(LifecyclePolicy.parse(POLICY), images,
                Instant.now());
        // untagged pushed > 5 days ago by rule 1; of the rest, all but the 2 newest by rule 2
        assertThat(expected).extracting(ImageExpiration::imageDigest)
                .containsExactly(oldest, untaggedOld, tagged, untaggedYoung);

        assertThat(preview.getList("previewResults.imageDigest"))
                .containsExactlyElementsOf(expected.stream().map(ImageExpiration::imageDigest).toList());
        assertThat(preview.getList("previewResults.appliedRulePriority", Integer.class))
                .containsExactlyElementsOf(expected.stream().map(ImageExpiration::appliedRulePriority).toList());
        assertThat(preview.getList("previewResults.action.type")).containsOnly("EXPIRE");
        assertThat(preview.getList("previewResults.imagePushedAt", String.class).stream().map(Instant::parse).toList())
                .containsExactlyElementsOf(expected.stream().map(ImageExpiration::imagePushedAt).toList());
        assertThat(preview.<Object>getList("previewResults.imageTags"))
                .containsExactly(List.of("v1"), null, List.of("v2"), null);
        assertThat(preview.getInt("summary.expiringImageTotalCount")).isEqualTo(4);
        assertThat(preview.getList("previewResults.imageDigest")).doesNotContain(child, newest);

        // a preview deletes nothing; the stored policy is previewed when no text is given
        given().get("/v1/repositories/" + repo + "/images").then().body("imageDetails", hasSize(7));
        given().contentType(ContentType.JSON).body(Map.of("lifecyclePolicyText", POLICY))
                .put("/v1/repositories/" + repo + "/lifecycle-policy").then().statusCode(200);
        given().contentType(ContentType.JSON).post("/v1/repositories/" + repo + "/lifecycle-policy/preview")
                .then().statusCode(200)
                .body("lifecyclePolicyText", equalTo(POLICY))
                .body("summary.expiringImageTotalCount", equalTo(4))
                .body("previewResults[0].imageDigest", equalTo(oldest))
                .body("previewResults[0].imagePushedAt", notNullValue());
        given().post("/v1/repositories/" + repo + "/lifecycle-policy/preview").then().statusCode(200)
                .body("summary.expiringImageTotalCount", equalTo(4));
        given().contentType(ContentType.JSON).body("{\"lifecyclePolicyText\":").post("/v1/repositories/" + repo
                + "/lifecycle-policy/preview").then().statusCode(400).body("__type", equalTo("InvalidParameterException"));
    }

    private static String pushUntagged(Registry registry, String repo) {
        String manifest = registry.pushImageBlobs(repo, null);
        String digest = Registry.sha256(manifest.getBytes());
        registry.putManifest(repo, digest, Registry.OCI_MANIFEST, manifest).then().statusCode(201);
        return digest;
    }

    private static String createRepository(String name) {
        given().contentType(ContentType.JSON).body("{\"repositoryName\":\"" + name + "\"}")
                .post("/v1/repositories").then().statusCode(201);
        return name;
    }
}
