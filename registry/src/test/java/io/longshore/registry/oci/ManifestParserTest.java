package io.longshore.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    private static ParsedManifest parse(String json, String contentType) {
        return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private static String image(String mediaType, String extra) {
        return "{\"schemaVersion\":2" + (mediaType == null ? "" : ",\"mediaType\":\"" + mediaType + "\"")
                + ",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + A
                + "\",\"size\":10},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + B + "\",\"size\":100}" + (extra == null ? "" : "," + extra) + "]}";
    }

    @Test
    void imageManifest() {
        ParsedManifest m = parse(image(MediaTypes.OCI_MANIFEST, null), MediaTypes.OCI_MANIFEST);
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.blobs()).extracting(d -> d.digest().toString()).containsExactly(A, B);
        assertThat(m.manifests()).isEmpty();
        assertThat(m.imageSize()).isEqualTo(110);
        assertThat(m.artifactType()).isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(m.subject()).isNull();
        assertThat(m.isIndex()).isFalse();
    }

    @Test
    void mediaTypeFromHeaderOrBodyOrShape() {
        assertThat(parse(image(null, null), MediaTypes.DOCKER_MANIFEST).mediaType())
                .isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(parse(image(MediaTypes.DOCKER_MANIFEST, null), "application/octet-stream").mediaType())
                .isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(parse(image(null, null), null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThatThrownBy(() -> parse(image(MediaTypes.DOCKER_MANIFEST, null), MediaTypes.OCI_MANIFEST))
                .hasMessageContaining("differs");
    }

    @Test
    void foreignLayersNeedNotBePresent() {
        ParsedManifest m = parse(image(MediaTypes.DOCKER_MANIFEST, "{\"mediaType\":\""
                + MediaTypes.DOCKER_FOREIGN_LAYER + "\",\"digest\":\"" + C + "\",\"size\":5,\"urls\":[\"http://x\"]}"),
                null);
        assertThat(m.blobs()).extracting(d -> d.digest().toString()).containsExactly(A, B);
        assertThat(m.imageSize()).isEqualTo(115);
    }

    @Test
    void indexWithSubjectAndArtifactType() {
        ParsedManifest m = parse("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\","
                + "\"artifactType\":\"application/x-demo\",\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"digest\":\"" + A + "\",\"size\":7}],\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"digest\":\"" + C + "\",\"size\":3},\"annotations\":{\"k\":\"v\"}}", MediaTypes.OCI_INDEX);
        assertThat(m.isIndex()).isTrue();
        assertThat(m.manifests()).extracting(d -> d.digest().toString()).containsExactly(A);
        assertThat(m.blobs()).isEmpty();
        assertThat(m.subject().digest().toString()).isEqualTo(C);
        assertThat(m.artifactType()).isEqualTo("application/x-demo");
        assertThat(m.annotationsJson()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void invalidManifests() {
        for (String bad : new String[] {"nope", "[]", "{\"schemaVersion\":1}", "{\"schemaVersion\":2}",
                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:1\",\"size\":1},\"layers\":[]}",
                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" + A + "\",\"size\":-1},\"layers\":[]}",
                "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/x-unknown\",\"config\":{}}"}) {
            assertThatThrownBy(() -> parse(bad, null)).as(bad).isInstanceOf(RegistryException.class)
                    .extracting(e -> ((RegistryException) e).code()).isEqualTo(ErrorCode.MANIFEST_INVALID);
        }
        assertThatThrownBy(() -> parse(image(null, null), MediaTypes.DOCKER_SCHEMA1_SIGNED))
                .hasMessageContaining("schema 1");
    }
}
