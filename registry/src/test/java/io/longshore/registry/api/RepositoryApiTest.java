package io.longshore.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ECR repositories API under /v1/repositories. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class RepositoryApiTest {
    @Inject
    RegistryTokens tokens;

    @Test
    void createDescribeListAndConflicts() {
        String name = Registry.uniqueName("ecr/team/app");
        given().contentType(ContentType.JSON).header("Host", "registry.test:5000")
                .body("{\"repositoryName\":\"" + name + "\"}")
                .post("/v1/repositories").then().statusCode(201)
                .body("repository.repositoryName", equalTo(name))
                .body("repository.repositoryArn", equalTo("arn:aws:ecr:local:000000000000:repository/" + name))
                .body("repository.registryId", equalTo("000000000000"))
                .body("repository.repositoryUri", equalTo("registry.test:5000/" + name))
                .body("repository.imageTagMutability", equalTo("MUTABLE"))
                .body("repository.createdAt", notNullValue());
        given().contentType(ContentType.JSON).body("{\"repositoryName\":\"" + name + "\"}")
                .post("/v1/repositories").then().statusCode(409)
                .body("__type", equalTo("RepositoryAlreadyExistsException"));
        given().get("/v1/repositories/" + name).then().statusCode(200)
                .body("repository.repositoryName", equalTo(name));
        given().get("/v1/repositories?repositoryNamePrefix=" + name.substring(0, name.lastIndexOf('-')))
                .then().statusCode(200).body("repositories.repositoryName", hasItem(name));
        given().get("/v1/repositories?repositoryNamePrefix=zzz-none").then().statusCode(200)
                .body("repositories", hasSize(0));
        given().get("/v1/repositories/ecr/missing").then().statusCode(404)
                .body("__type", equalTo("RepositoryNotFoundException"));
    }

    @Test
    void invalidInputNamesTheFieldAndRule() {
        for (String body : List.of("{\"repositoryName\":\"Bad/Name\"}", "{\"repositoryName\":\"a\"}", "{}",
                "{\"repositoryName\":\"ok-name\",\"imageTagMutability\":\"SOMETIMES\"}")) {
            given().contentType(ContentType.JSON).body(body).post("/v1/repositories").then().statusCode(400)
                    .body("__type", equalTo("InvalidParameterException"))
                    .body("message", org.hamcrest.Matchers.anyOf(containsString("repositoryName"),
                            containsString("imageTagMutability")));
        }
        given().contentType(ContentType.JSON).body("{nope").post("/v1/repositories").then().statusCode(400)
                .body("__type", equalTo("InvalidParameterException"));
    }

    @Test
    void tagMutabilityDescribeImagesAndDelete() {
        Registry registry = new Registry(tokens);
        String name = registry.createRepository(Registry.uniqueName("ecr/images"));
        given().contentType(ContentType.JSON).body("{\"imageTagMutability\":\"IMMUTABLE\"}")
                .put("/v1/repositories/" + name + "/image-tag-mutability").then().statusCode(200)
                .body("imageTagMutability", equalTo("IMMUTABLE")).body("repositoryName", equalTo(name));
        given().get("/v1/repositories/" + name).then().body("repository.imageTagMutability", equalTo("IMMUTABLE"));
        given().contentType(ContentType.JSON).body("{\"imageTagMutability\":\"IMMUTABLE\"}")
                .put("/v1/repositories/ecr/none/image-tag-mutability").then().statusCode(404);

        String manifest = registry.pushImageBlobs(name, null);
        registry.putManifest(name, "v1", Registry.OCI_MANIFEST, manifest).then().statusCode(201);
        String digest = Registry.sha256(manifest.getBytes());
        given().get("/v1/repositories/" + name + "/images").then().statusCode(200)
                .body("imageDetails", hasSize(1))
                .body("imageDetails[0].imageDigest", equalTo(digest))
                .body("imageDetails[0].imageTags", equalTo(List.of("v1")))
                .body("imageDetails[0].repositoryName", equalTo(name))
                .body("imageDetails[0].imageManifestMediaType", equalTo(Registry.OCI_MANIFEST))
                .body("imageDetails[0].artifactMediaType", equalTo("application/vnd.oci.image.config.v1+json"))
                .body("imageDetails[0].imagePushedAt", notNullValue())
                // config + one 2048-byte layer
                .body("imageDetails[0].imageSizeInBytes", equalTo(2048 + configSize(manifest)));

        given().delete("/v1/repositories/" + name).then().statusCode(409)
                .body("__type", equalTo("RepositoryNotEmptyException"));
        given().delete("/v1/repositories/" + name + "?force=true").then().statusCode(200)
                .body("repository.repositoryName", equalTo(name));
        given().get("/v1/repositories/" + name).then().statusCode(404);
        registry.v2().get("/v2/" + name + "/manifests/v1").then().statusCode(404)
                .body("errors[0].code", equalTo("NAME_UNKNOWN"));

        String empty = registry.createRepository(Registry.uniqueName("ecr/empty"));
        given().delete("/v1/repositories/" + empty).then().statusCode(200);
        given().get("/v1/repositories/" + empty + "/images").then().statusCode(404)
                .body("__type", equalTo("RepositoryNotFoundException"));
        given().get("/v1/repositories/" + Registry.uniqueName("ecr/untagged")).then().statusCode(404)
                .body("repository", nullValue());
    }

    private static int configSize(String manifest) {
        String marker = "\"size\":";
        int at = manifest.indexOf(marker) + marker.length();
        return Integer.parseInt(manifest.substring(at, manifest.indexOf('}', at)));
    }
}
