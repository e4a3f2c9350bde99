package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.createService;
import static io.longshore.controlplane.support.Api.describeService;
import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.runTask;
import static io.longshore.controlplane.support.Api.taskDefinitionArn;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.TaskSpec;
import io.longshore.controlplane.support.FakeScheduler;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.longshore.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Tasks and services whose images are in Longshore's registry carry a pull credential to the
 * scheduler (and on to the agent), and the API never shows it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RegistryCredentialsApiTest {
    /** The default secret, which the registry shares. */
    static final RegistryTokens TOKENS = new RegistryTokens("longshore-local-development-secret", Clock.systemUTC());

    static String definition(String family) {
        return """
                {"family": "%s",
                 "containerDefinitions": [
                   {"name": "app", "image": "127.0.0.1:5000/team/app:1.0", "memory": 64, "imagePullPolicy": "ALWAYS"},
                   {"name": "side", "image": "longshore/busybox:latest", "memory": 32, "essential": false}]}
                """.formatted(family);
    }

    static void assertPullOnlyFor(RegistryCredential credential, String family) throws Exception {
        assertThat(credential.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(credential.username()).isEqualTo("AWS");
        RegistryTokens.Claims claims = TOKENS.verify(credential.password());
        assertThat(claims.subject()).isEqualTo("task-execution:" + taskDefinitionArn(family, 1));
        assertThat(claims.grants()).containsExactly(new RegistryTokens.Grant("team/app", java.util.Set.of("pull")));
        assertThat(claims.expiresAt()).isEqualTo(credential.expiresAt());
    }

    @Test
    void runTaskSendsAVerifiablePullCredentialThatNoResponseShows() throws Exception {
        String family = unique("pull");
        register(definition(family)).statusCode(200)
                .body("taskDefinition.containerDefinitions[0].imagePullPolicy", org.hamcrest.Matchers.equalTo("ALWAYS"));
        try (FakeScheduler scheduler = FakeScheduler.start(family, spec -> RunTaskApiTest.placed(spec, "i-1", 49153))) {
            String body = runTask("default", "{\"taskDefinition\": \"%s\"}".formatted(family))
                    .statusCode(200).extract().asString();
            assertThat(scheduler.received).singleElement().satisfies(place -> {
                TaskSpec spec = place.tasks().get(0);
                assertThat(spec.registryCredentials()).singleElement()
                        .satisfies(c -> assertPullOnlyFor(c, family));
                assertThat(spec.containers().get(0).imagePullPolicy()).isEqualTo("ALWAYS");
            });
            TaskRequest.PlaceTasks place = scheduler.received.get(0);
            String token = place.tasks().get(0).registryCredentials().get(0).password();
            String taskId = place.tasks().get(0).taskId();

            assertThat(body).doesNotContain(token).doesNotContain("registryCredentials").contains(taskId);
            String described = given().get("/v1/clusters/default/tasks/" + taskId).then().statusCode(200)
                    .extract().asString();
            assertThat(described).doesNotContain(token).doesNotContain("registryCredentials");
            String listed = given().queryParam("family", family).get("/v1/clusters/default/tasks").then()
                    .statusCode(200).extract().asString();
            assertThat(listed).contains(taskId).doesNotContain(token);
        }
    }

    @Test
    void aServiceTemplateCarriesOneAndItIsRenewedWithTheSameDeploymentBeforeItExpires() throws Exception {
        String family = unique("svc-pull");
        register(definition(family)).statusCode(200);
        String name = unique("web");
        try (KafkaTestClient.Collector specs = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            String created = createService("default", """
                    {"serviceName": "%s", "taskDefinition": "%s", "desiredCount": 1}
                    """.formatted(name, family)).statusCode(200).extract().asString();
            ServiceSpec first = await().atMost(Duration.ofSeconds(15)).until(() -> specsOf(specs, name), l -> !l.isEmpty())
                    .get(0);
            RegistryCredential credential = first.taskTemplate().registryCredentials().get(0);
            assertPullOnlyFor(credential, family);
            assertThat(created).doesNotContain(credential.password()).doesNotContain("registryCredentials");
            assertThat(describeService("default", name).statusCode(200).extract().asString())
                    .doesNotContain(credential.password());

            // Pretend it was issued long ago: within half its validity of expiring.
            expireSoon("default", name);
            List<ServiceSpec> renewed = await().atMost(Duration.ofSeconds(15))
                    .until(() -> specsOf(specs, name), l -> l.size() >= 2);
            ServiceSpec second = renewed.get(1);
            assertThat(second.deploymentId()).isEqualTo(first.deploymentId());
            // (read back from the database, to its microsecond)
            assertThat(second.updatedAt()).isEqualTo(first.updatedAt().truncatedTo(ChronoUnit.MICROS));
            assertThat(second.taskTemplate().withRegistryCredentials(List.of()))
                    .isEqualTo(first.taskTemplate().withRegistryCredentials(List.of()));
            RegistryCredential fresh = second.taskTemplate().registryCredentials().get(0);
            assertPullOnlyFor(fresh, family);
            assertThat(fresh.expiresAt()).isAfterOrEqualTo(credential.expiresAt());
            // renewed once: the fresh credential is far from expiry
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> specsOf(specs, name).size() == 2);
        }
    }

    private static List<ServiceSpec> specsOf(KafkaTestClient.Collector specs, String name) {
        return specs.values(ServiceSpec.class).stream().filter(s -> name.equals(s.serviceName())).toList();
    }

    private static void expireSoon(String cluster, String name) throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             PreparedStatement update = connection.prepareStatement("UPDATE services SET "
                     + "template_credentials_expire_at = now() + interval '1 hour' WHERE cluster = ? AND name = ?")) {
            update.setString(1, cluster);
            update.setString(2, name);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
