package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static io.longshore.e2e.Tasks.awaitStatus;
import static io.longshore.e2e.Tasks.runOne;
import static io.longshore.e2e.Tasks.stop;
import static org.hamcrest.Matchers.startsWith;

import com.github.dockerjava.api.DockerClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The registry as a user meets it: {@code docker login} with a token from the registry, {@code
 * docker push} to a repository created first, then a task whose image lives only in the registry:
 * the agent pulls it with the credential the control plane issued for the task.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryEndToEndIT {
    private static final String REGISTRY = "127.0.0.1:" + Stack.REGISTRY_PORT;
    // unique per run: the e2e stack keeps its data between runs
    private static final String REPOSITORY = "e2e/busybox-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = REGISTRY + "/" + REPOSITORY + ":v1";
    static DockerClient docker;
    static Path dockerConfig;

    @BeforeAll
    static void up() throws IOException {
        Stack.up();
        docker = Stack.docker();
        dockerConfig = Files.createTempDirectory("e2e-docker-config");
    }

    @AfterAll
    static void down() {
        Stack.longshore("down");
    }

    @Test
    @Order(1)
    void anonymousRequestsGetA401WithABasicChallenge() {
        given().baseUri("http://" + REGISTRY).port(-1).get("/v2/").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic realm="));
    }

    @Test
    @Order(2)
    void dockerLogsInAndPushesToACreatedRepository() {
        given().baseUri("http://" + REGISTRY).port(-1).contentType(ContentType.JSON)
                .body("{\"repositoryName\": \"" + REPOSITORY + "\"}")
                .post("/v1/repositories").then().statusCode(201);
        String token = token();
        assertThat(dockerCli(token, "login", "-u", "AWS", "--password-stdin", REGISTRY)).isZero();
        assertThat(dockerCli(null, "tag", "longshore/busybox:latest", IMAGE)).isZero();
        assertThat(dockerCli(null, "push", IMAGE)).isZero();
        // only the registry has it now: the agent must pull it
        assertThat(dockerCli(null, "rmi", IMAGE)).isZero();

        JsonPath images = given().baseUri("http://" + REGISTRY).port(-1)
                .get("/v1/repositories/" + REPOSITORY + "/images").then().statusCode(200).extract().jsonPath();
        assertThat(images.getList("imageDetails.imageTags.flatten()")).containsExactly("v1");
    }

    @Test
    @Order(3)
    void aTaskRunsAnImageTheAgentPullsFromTheRegistry() {
        register("e2e-from-registry", IMAGE);
        String taskId = runOne("e2e-from-registry");
        awaitStatus(taskId, "RUNNING");
        assertThat(docker.inspectImageCmd(IMAGE).exec().getRepoTags()).contains(IMAGE);
        stop(taskId);
    }

    @Test
    @Order(4)
    void aMissingTagStopsTheTaskWithCannotPullContainerError() {
        register("e2e-missing-tag", REGISTRY + "/" + REPOSITORY + ":no-such-tag");
        String taskId = runOne("e2e-missing-tag");
        JsonPath stopped = awaitStatus(taskId, "STOPPED");
        assertThat(stopped.getString("task.stoppedReason")).startsWith("CannotPullContainerError");
        assertThat(stopped.getString("task.containers[0].reason")).startsWith("CannotPullContainerError");
    }

    /** A token for the registry, from GetAuthorizationToken's base64("AWS:<token>"). */
    private static String token() {
        String encoded = given().baseUri("http://" + REGISTRY).port(-1).contentType(ContentType.JSON).body("{}")
                .post("/v1/authorization-token").then().statusCode(200).extract().jsonPath()
                .getString("authorizationData[0].authorizationToken");
        String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        return decoded.substring("AWS:".length());
    }

    /** Runs the Docker CLI with this test's own config directory; {@code stdin} is written to it when given. */
    private static int dockerCli(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "--config", dockerConfig.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            if (process.exitValue() != 0) {
                System.err.println(command + " exited " + process.exitValue() + ":\n" + output);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void register(String family, String image) {
        given().contentType(ContentType.JSON).body("""
                {"family": "%s", "containerDefinitions": [
                  {"name": "main", "image": "%s", "memory": 32, "stopTimeout": 2, "command": ["sleep", "600"]}]}
                """.formatted(family, image))
                .post("/v1/task-definitions").then().statusCode(200);
    }



}
