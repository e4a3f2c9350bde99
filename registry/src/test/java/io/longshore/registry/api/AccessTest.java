package io.longshore.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.auth.RegistryTokens.Grant;
import io.longshore.registry.auth.RegistryAccess;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication, authorisation and name checks on /v2. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class AccessTest {
    @Inject
    RegistryTokens tokens;

    @ConfigProperty(name = "longshore.registry.token-secret")
    String secret;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    Registry registry;
    String repo;

    @BeforeEach
    void setUp() {
        registry = new Registry(tokens);
        repo = registry.createRepository(Registry.uniqueName("team/access"));
    }

    @Test
    void baseEndpointNeedsCredentials() {
        given().get("/v2/").then().statusCode(401)
                .header("WWW-Authenticate", RegistryAccess.CHALLENGE)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer garbage").get("/v2/").then().statusCode(401)
                .header("WWW-Authenticate", RegistryAccess.CHALLENGE);
        String basic = Base64.getEncoder().encodeToString(("AWS:" + registry.token())
                .getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Basic " + basic).get("/v2/").then().statusCode(200)
                .header("Docker-Distribution-API-Version", "registry/2.0")
                .body(equalTo("{}"));
        given().get("/v2/" + repo + "/tags/list").then().statusCode(401)
                .header("WWW-Authenticate", RegistryAccess.CHALLENGE);
    }

    @Test
    void expiredTokenIsUnauthorized() {
        RegistryTokens past = new RegistryTokens(secret, Clock.fixed(Instant.now().minus(Duration.ofHours(13)),
                ZoneOffset.UTC));
        String expired = past.issue("old", List.of(new Grant("*", Set.of(RegistryTokens.PULL))),
                RegistryTokens.DEFAULT_VALIDITY);
        registry.v2(expired).get("/v2/" + repo + "/tags/list").then().statusCode(401)
                .header("WWW-Authenticate", RegistryAccess.CHALLENGE)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("expired"));
    }

    @Test
    void tokenForAnotherRepositoryIsDenied() {
        String other = registry.token("someone/else", RegistryTokens.PULL, RegistryTokens.PUSH);
        registry.v2(other).get("/v2/" + repo + "/tags/list").then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED"));
        // pull-only may read but not push
        String pullOnly = registry.token(repo, RegistryTokens.PULL);
        registry.v2(pullOnly).get("/v2/" + repo + "/tags/list").then().statusCode(200);
        registry.v2(pullOnly).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED"));
        registry.v2(pullOnly).delete("/v2/" + repo + "/manifests/latest").then().statusCode(403);
    }

    @Test
    void catalogListsOnlyWhatTheTokenMayPull() {
        String a = registry.createRepository(Registry.uniqueName("cat/a"));
        String b = registry.createRepository(Registry.uniqueName("cat/b"));
        registry.v2(registry.token(a, RegistryTokens.PULL)).get("/v2/_catalog").then().statusCode(200)
                .body("repositories", equalTo(List.of(a)));
        registry.v2().get("/v2/_catalog").then().statusCode(200)
                .body("repositories", hasItem(a)).body("repositories", hasItem(b));
        String link = registry.v2().get("/v2/_catalog?n=1").then().statusCode(200).extract().header("Link");
        org.assertj.core.api.Assertions.assertThat(link).startsWith("</v2/_catalog?n=1&last=");
        registry.v2().get("/v2/_catalog?n=1&last=" + a).then().statusCode(200)
                .body("repositories", not(hasItem(a)));
        given().get("/v2/_catalog").then().statusCode(401);
    }

    @Test
    void invalidNamesAreRefused() throws Exception {
        for (String bad : List.of("Upper/case", "-start", "end-", "a..b", "with%20space",
                "a/%2e%2e/b", "x".repeat(256))) {
            registry.v2().get("/v2/" + bad + "/tags/list").then().statusCode(400)
                    .body("errors[0].code", equalTo("NAME_INVALID"));
        }
        // raw "../" that no client library normalises away: never a path outside the registry
        HttpClient client = HttpClient.newHttpClient();
        for (String raw : List.of("/v2/" + repo + "/../../etc/blobs/sha256:" + "a".repeat(64),
                "/v2/a/../b/manifests/latest", "/v2/..%2f..%2fetc/tags/list", "/v2/a//b/tags/list",
                "/v2/a/./b/tags/list")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + raw)).header("Authorization", "Bearer " + registry.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(raw).isIn(400, 404);
            org.assertj.core.api.Assertions.assertThat(response.body()).as(raw).doesNotContain("root:");
        }
        registry.v2().get("/v2/" + repo + "/blobs/sha256:../../../../etc/passwd").then().statusCode(404);
        registry.v2().get("/v2/" + repo + "/blobs/sha256:" + "a".repeat(62) + "..").then().statusCode(400)
                .body("errors[0].code", equalTo("DIGEST_INVALID"));
    }
}
