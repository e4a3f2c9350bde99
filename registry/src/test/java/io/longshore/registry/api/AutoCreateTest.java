package io.longshore.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With autoCreateRepositories on, the first push creates the repository (MUTABLE). */
@QuarkusTest
@TestProfile(AutoCreateTest.AutoCreate.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class AutoCreateTest {
    public static class AutoCreate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("longshore.registry.auto-create-repositories", "true");
        }
    }

    @Inject
    RegistryTokens tokens;

    @Test
    void pushCreatesTheRepository() {
        Registry registry = new Registry(tokens);
        String name = Registry.uniqueName("auto/created");
        given().get("/v1/repositories/" + name).then().statusCode(404);
        registry.pushImage(name, "v1");
        given().get("/v1/repositories/" + name).then().statusCode(200)
                .body("repository.imageTagMutability", equalTo("MUTABLE"));
        registry.v2().get("/v2/" + name + "/manifests/v1").then().statusCode(200);
    }
}
