package io.longshore.registry.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.auth.RegistryTokens.Claims;
import io.longshore.common.auth.RegistryTokens.Grant;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ECR's GetAuthorizationToken over HTTP: what it issues, and what it refuses. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class AuthorizationTokenResourceTest {
    private static final String PATH = "/v1/authorization-token";

    @Inject
    RegistryTokens tokens;

    @Inject
    RegistryAccess access;

    /** The {@code authorizationData[0]} of a successful call. */
    private record Issued(String authorizationToken, String expiresAt, String proxyEndpoint) {
        /** What {@code docker login} is given: user AWS, password the token. */
        String password() {
            String decoded = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
            assertThat(decoded).startsWith("AWS:");
            return decoded.substring(4);
        }
    }

    private Issued issue(String body) {
        var request = given().header("Host", "registry.test:5000");
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        var response = request.post(PATH).then().statusCode(200).contentType(ContentType.JSON)
                .body("authorizationData", hasSize(1))
                .extract().jsonPath();
        return new Issued(response.getString("authorizationData[0].authorizationToken"),
                response.getString("authorizationData[0].expiresAt"),
                response.getString("authorizationData[0].proxyEndpoint"));
    }

    private static ValidatableResponse refused(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PATH).then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .header("x-amzn-ErrorType", "InvalidParameterException")
                .body("__type", equalTo("InvalidParameterException"));
    }

    @Test
    void withoutABodyItGrantsPullAndPushOnEverythingFor12Hours() throws Exception {
        Issued issued = issue(null);

        Claims claims = tokens.verify(issued.password());
        assertThat(claims.grants()).containsExactly(new Grant("*", Set.of("pull", "push")));
        assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofHours(12));
        assertThat(Instant.parse(issued.expiresAt())).isEqualTo(claims.expiresAt());
        assertThat(issued.expiresAt()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(issued.proxyEndpoint()).isEqualTo("http://registry.test:5000");
    }

    @Test
    void anEmptyObjectTakesTheDefaultsToo() throws Exception {
        Claims claims = tokens.verify(issue("{}").password());
        assertThat(claims.allows("any/repo", "push")).isTrue();
    }

    @Test
    void aNarrowedTokenAllowsOnlyWhatWasAskedFor() throws Exception {
        Issued issued = issue("{\"repositories\":[\"web\",\"team/*\"],\"actions\":[\"pull\"],\"durationSeconds\":3600}");

        Claims claims = tokens.verify(issued.password());
        assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofHours(1));
        assertThat(claims.allows("web", "pull")).isTrue();
        assertThat(claims.allows("team/api", "pull")).isTrue();
        assertThat(claims.allows("web", "push")).isFalse();
        assertThat(claims.allows("other", "pull")).isFalse();
        assertThat(claims.allows("team", "pull")).isFalse();
    }

    @Test
    void theTokenLogsIntoTheRegistryAsDockerSendsIt() throws Exception {
        Issued issued = issue("{\"repositories\":[\"team/*\"],\"actions\":[\"push\"]}");
        String basic = "Basic " + issued.authorizationToken(); // docker login -u AWS -p <password>

        assertThat(access.authorize(basic, "team/web", RegistryTokens.PUSH).subject()).isNotBlank();
        assertThat(access.authorize("Bearer " + issued.password(), "team/web", RegistryTokens.PUSH)).isNotNull();
        assertThatThrownBy(() -> access.authorize(basic, "team/web", RegistryTokens.PULL))
                .isInstanceOf(RegistryAccess.Denied.class);
        assertThatThrownBy(() -> access.authorize(basic, "web", RegistryTokens.PUSH))
                .isInstanceOf(RegistryAccess.Denied.class);
    }

    @Test
    void theDurationBoundsAreAccepted() throws Exception {
        Claims shortest = tokens.verify(issue("{\"durationSeconds\":60}").password());
        Claims longest = tokens.verify(issue("{\"durationSeconds\":43200}").password());
        assertThat(Duration.between(shortest.issuedAt(), shortest.expiresAt())).isEqualTo(Duration.ofSeconds(60));
        assertThat(Duration.between(longest.issuedAt(), longest.expiresAt())).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anyContentTypeIsAccepted() {
        given().contentType("application/x-amz-json-1.1")
                .body("{\"actions\":[\"pull\"]}".getBytes(StandardCharsets.UTF_8))
                .post(PATH).then().statusCode(200).body("authorizationData", hasSize(1));
    }

    @Test
    void theRegistryIdsOfAwsClientsAreIgnored() {
        given().contentType(ContentType.JSON).body("{\"registryIds\":[\"000000000000\"]}")
                .post(PATH).then().statusCode(200);
    }

    @Test
    void withoutAHostHeaderTheEndpointIsTheServerAddress() {
        // HTTP/1.1 clients always send Host; RestAssured sends the server's own address
        given().post(PATH).then().statusCode(200)
                .body("authorizationData[0].proxyEndpoint", containsString("http://"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "0", "-1", "43201", "86400", "1.5", "\"3600\"", "true", "99999999999"})
    void durationSecondsOutOfRangeIsRefusedNamingTheField(String value) {
        refused("{\"durationSeconds\":" + value + "}")
                .body("message", containsString("durationSeconds must be an integer from 60 to 43200"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"delete\"]", "[\"pull\",\"PUSH\"]", "[]", "\"pull\"", "[1]"})
    void actionsOtherThanPullAndPushAreRefused(String value) {
        refused("{\"actions\":" + value + "}").body("message", containsString("actions"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "team/", "/web", "team/*/web", "team/**", "te*am", "a__-b", "web:latest",
            "-web", "web.", "team*", ""})
    void repositoryPatternsOutsideTheOciGrammarAreRefused(String pattern) {
        refused("{\"repositories\":[\"" + pattern + "\"]}")
                .body("message", containsString("repositories: \"" + pattern + "\" is not a repository name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "team/web", "a.b/c_d/e__f/g-h--i", "team/*", "a/b/c/*", "*", "0"})
    void repositoryPatternsInTheGrammarAreAccepted(String pattern) throws Exception {
        Claims claims = tokens.verify(issue("{\"repositories\":[\"" + pattern + "\"]}").password());
        assertThat(claims.grants()).extracting(Grant::repositories).containsExactly(pattern);
    }

    @Test
    void anEmptyRepositoryListIsRefused() {
        refused("{\"repositories\":[]}").body("message", containsString("repositories must be a non-empty array"));
    }

    @Test
    void malformedBodiesAreRefused() {
        refused("{\"repositories\":").body("message", containsString("not valid JSON"));
        refused("[\"web\"]").body("message", containsString("JSON object"));
        refused("{\"duration\":60}").body("message", containsString("duration is not a parameter"));
    }
}
