package io.longshore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.messaging.Json;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real clients against the running test registry (fixed test port): skopeo copies an OCI
 * layout and a docker-archive in and out byte for byte, and the Docker CLI logs in, pushes and
 * pulls. Traffic goes to 127.0.0.1 only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class ClientsIT {
    private static final String BUSYBOX = "longshore/busybox:latest";

    @Inject
    RegistryTokens tokens;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @TempDir
    Path temp;

    Registry registry;
    String host;

    @BeforeEach
    void setUp() {
        registry = new Registry(tokens);
        host = "127.0.0.1:" + port;
    }

    @Test
    void skopeoCopiesAnOciLayoutInAndOutByteForByte() throws Exception {
        String repo = registry.createRepository(Registry.uniqueName("it/oci"));
        Path layout = temp.resolve("layout");
        String manifestDigest = OciLayout.write(layout, 3, 256 * 1024);

        run(List.of("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false",
                "--dest-creds", "AWS:" + registry.token(),
                "oci:" + layout + ":latest", "docker://" + host + "/" + repo + ":v1"));

        byte[] original = Files.readAllBytes(OciLayout.blob(layout, manifestDigest));
        byte[] raw = run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "--creds", "AWS:"
                + registry.token(), "docker://" + host + "/" + repo + ":v1")).getBytes(StandardCharsets.UTF_8);
        assertThat(raw).isEqualTo(original);

        Path back = temp.resolve("back");
        run(List.of("skopeo", "copy", "--preserve-digests", "--src-tls-verify=false",
                "--src-creds", "AWS:" + registry.token(),
                "docker://" + host + "/" + repo + ":v1", "oci:" + back + ":v1"));
        JsonNode manifest = Json.MAPPER.readTree(original);
        List<String> digests = new ArrayList<>();
        digests.add(manifestDigest);
        digests.add(manifest.get("config").get("digest").asText());
        manifest.get("layers").forEach(l -> digests.add(l.get("digest").asText()));
        for (String digest : digests) {
            assertThat(Files.readAllBytes(OciLayout.blob(back, digest))).as(digest)
                    .isEqualTo(Files.readAllBytes(OciLayout.blob(layout, digest)));
        }
    }

    @Test
    void skopeoCopiesADockerArchiveInAndOut() throws Exception {
        assumeTrue(dockerAvailable(), "no Docker engine answers (./longshore start docker)");
        Path archive = temp.resolve("busybox.tar");
        run(List.of("docker", "save", "-o", archive.toString(), BUSYBOX));
        String repo = registry.createRepository(Registry.uniqueName("it/archive"));
        run(List.of("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", "AWS:" + registry.token(),
                "docker-archive:" + archive, "docker://" + host + "/" + repo + ":v1"));
        String pushed = run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "--creds", "AWS:"
                + registry.token(), "docker://" + host + "/" + repo + ":v1"));
        Path out = temp.resolve("out.tar");
        run(List.of("skopeo", "copy", "--src-tls-verify=false", "--src-creds", "AWS:" + registry.token(),
                "docker://" + host + "/" + repo + ":v1", "docker-archive:" + out + ":" + repo + ":v1"));
        // the image's identity (its config) is the same on both sides
        String configIn = Json.MAPPER.readTree(run(List.of("skopeo", "inspect", "--config", "--raw",
                "docker-archive:" + archive))).toString();
        String configOut = Json.MAPPER.readTree(run(List.of("skopeo", "inspect", "--config", "--raw",
                "docker-archive:" + out))).toString();
        assertThat(configOut).isEqualTo(configIn);
        assertThat(Json.MAPPER.readTree(pushed).get("config").get("digest").asText())
                .isEqualTo(Registry.sha256(run(List.of("skopeo", "inspect", "--config", "--raw",
                        "docker-archive:" + archive)).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dockerLoginPushAndPull() throws Exception {
        assumeTrue(dockerAvailable(), "no Docker engine answers (./longshore start docker)");
        String repo = registry.createRepository(Registry.uniqueName("it/docker"));
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        String image = host + "/" + repo + ":it";
        String id = run(List.of("docker", "image", "inspect", "-f", "{{.Id}}", BUSYBOX)).trim();
        runIn(config, registry.token(), List.of("docker", "login", "-u", "AWS", "--password-stdin", host));
        runIn(config, null, List.of("docker", "tag", BUSYBOX, image));
        try {
            runIn(config, null, List.of("docker", "push", image));
            runIn(config, null, List.of("docker", "rmi", image));
            runIn(config, null, List.of("docker", "pull", image));
            assertThat(run(List.of("docker", "image", "inspect", "-f", "{{.Id}}", image)).trim()).isEqualTo(id);
        } finally {
            new ProcessBuilder("docker", "rmi", image).start().waitFor(60, TimeUnit.SECONDS);
        }
        registry.v2().get("/v2/" + repo + "/tags/list").then().statusCode(200)
                .body("tags", org.hamcrest.Matchers.equalTo(List.of("it")));
    }

    private static boolean dockerAvailable() {
        try {
            Process p = new ProcessBuilder("docker", "image", "inspect", BUSYBOX).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> command) throws Exception {
        return runIn(null, null, command);
    }

    /** Runs a command (with DOCKER_CONFIG when given, stdin when given); fails the test on a non-zero exit. */
    private static String runIn(Path dockerConfig, String stdin, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dockerConfig != null) {
            builder.environment().put("DOCKER_CONFIG", dockerConfig.toString());
        }
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // process ended
            }
        });
        errors.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s timed out", command).isTrue();
        errors.join();
        assertThat(process.exitValue()).as("%s failed: %s%s", command, out, err).isZero();
        return out;
    }

    /** An OCI image layout of random tar layers, written by hand. */
    static final class OciLayout {
        static String write(Path root, int layers, int layerSize) throws IOException {
            Files.createDirectories(root.resolve("blobs/sha256"));
            List<String> layerDescriptors = new ArrayList<>();
            List<String> diffIds = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                byte[] tar = Tar.single("file-" + i + ".bin", Registry.randomBytes(layerSize));
                String digest = put(root, tar);
                diffIds.add("\"" + digest + "\"");
                layerDescriptors.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
                        + digest + "\",\"size\":" + tar.length + "}");
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":"
                    + "\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
            String configDigest = put(root, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + configDigest + "\",\"size\":" + config.length + "},\"layers\":["
                    + String.join(",", layerDescriptors) + "]}").getBytes(StandardCharsets.UTF_8);
            String manifestDigest = put(root, manifest);
            Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(root.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                    + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
            return manifestDigest;
        }

        static Path blob(Path root, String digest) {
            return root.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
        }

        private static String put(Path root, byte[] content) throws IOException {
            String digest = Registry.sha256(content);
            Files.write(blob(root, digest), content);
            return digest;
        }
    }

    /** A minimal ustar writer: one regular file. */
    static final class Tar {
        static byte[] single(String name, byte[] content) {
            byte[] header = new byte[512];
            put(header, 0, name, 100);
            put(header, 100, "0000644", 8);
            put(header, 108, "0000000", 8);
            put(header, 116, "0000000", 8);
            put(header, 124, String.format("%011o", content.length), 12);
            put(header, 136, String.format("%011o", 0), 12);
            Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = '0';
            put(header, 257, "ustar", 6);
            header[263] = '0';
            header[264] = '0';
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum), 7);
            int padded = (content.length + 511) / 512 * 512;
            byte[] tar = new byte[512 + padded + 1024];
            System.arraycopy(header, 0, tar, 0, 512);
            System.arraycopy(content, 0, tar, 512, content.length);
            return tar;
        }

        private static void put(byte[] header, int offset, String value, int length) {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
        }
    }
}
