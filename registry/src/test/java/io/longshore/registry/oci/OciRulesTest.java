package io.longshore.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, digests, paths, ranges and media types: the pure rules of the /v2 API. */
class OciRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "library/busybox", "a.b_c__d---e/f0", "x/y/z", "team-1/app.v2"})
    void validRepositoryNames(String name) {
        assertThat(Names.isRepository(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "a//b", "/a", "a/", "a/../b", "..", "a/./b", "a..b", "a___b", "-a", "a-",
            "a%2fb", "a b", "a\\b"})
    void invalidRepositoryNames(String name) {
        assertThat(Names.isRepository(name)).isFalse();
        assertThatThrownBy(() -> Names.requireRepository(name)).isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).code()).isEqualTo(ErrorCode.NAME_INVALID);
    }

    @Test
    void repositoryNamesHaveAtMost255Characters() {
        assertThat(Names.isRepository("a".repeat(255))).isTrue();
        assertThat(Names.isRepository("a".repeat(256))).isFalse();
    }

    @Test
    void tags() {
        assertThat(Names.isTag("latest")).isTrue();
        assertThat(Names.isTag("_v1.2-rc")).isTrue();
        assertThat(Names.isTag("a".repeat(128))).isTrue();
        assertThat(Names.isTag("a".repeat(129))).isFalse();
        assertThat(Names.isTag(".hidden")).isFalse();
        assertThat(Names.isTag("a/b")).isFalse();
    }

    @Test
    void digests() {
        String hex = "a".repeat(64);
        Digest d = Digest.parse("sha256:" + hex);
        assertThat(d.algorithm()).isEqualTo("sha256");
        assertThat(d.toString()).isEqualTo("sha256:" + hex);
        assertThat(Digest.parse("sha512:" + "0".repeat(128)).algorithm()).isEqualTo("sha512");
        for (String bad : List.of("sha256:" + "a".repeat(63), "sha256:" + "A".repeat(64), "sha512:" + hex,
                "md5:" + "a".repeat(32), "sha256:../../etc/passwd", "sha256", "")) {
            assertThatThrownBy(() -> Digest.parse(bad)).as(bad).isInstanceOf(RegistryException.class)
                    .extracting(e -> ((RegistryException) e).code()).isEqualTo(ErrorCode.DIGEST_INVALID);
        }
        assertThat(Digest.sha256("abc".getBytes()).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void pathsAreReadFromTheEnd() {
        assertThat(V2Path.parse("/v2/")).isEqualTo(new V2Path(V2Path.Kind.BASE, null, null));
        assertThat(V2Path.parse("/v2")).isEqualTo(new V2Path(V2Path.Kind.BASE, null, null));
        assertThat(V2Path.parse("/v2/_catalog").kind()).isEqualTo(V2Path.Kind.CATALOG);
        assertThat(V2Path.parse("/v2/a/b/manifests/latest"))
                .isEqualTo(new V2Path(V2Path.Kind.MANIFEST, "a/b", "latest"));
        assertThat(V2Path.parse("/v2/x/manifests/y/manifests/z"))
                .isEqualTo(new V2Path(V2Path.Kind.MANIFEST, "x/manifests/y", "z"));
        assertThat(V2Path.parse("/v2/a/blobs/sha256:00")).isEqualTo(new V2Path(V2Path.Kind.BLOB, "a", "sha256:00"));
        assertThat(V2Path.parse("/v2/a/b/blobs/uploads/")).isEqualTo(new V2Path(V2Path.Kind.UPLOADS, "a/b", null));
        assertThat(V2Path.parse("/v2/a/blobs/uploads/123"))
                .isEqualTo(new V2Path(V2Path.Kind.UPLOAD, "a", "123"));
        assertThat(V2Path.parse("/v2/a/tags/list")).isEqualTo(new V2Path(V2Path.Kind.TAGS, "a", null));
        assertThat(V2Path.parse("/v2/a/referrers/sha256:1")).isEqualTo(new V2Path(V2Path.Kind.REFERRERS, "a",
                "sha256:1"));
        assertThat(V2Path.parse("/v2/a/other").kind()).isEqualTo(V2Path.Kind.UNKNOWN);
        assertThat(V2Path.parse("/v2x").kind()).isEqualTo(V2Path.Kind.UNKNOWN);
        // the name is returned raw; its grammar check refuses traversal
        assertThat(Names.isRepository(V2Path.parse("/v2/a/../b/manifests/x").name())).isFalse();
    }

    @Test
    void rangeHeaders() throws Exception {
        assertThat(ByteRange.ofRangeHeader(null, 100)).isEmpty();
        assertThat(ByteRange.ofRangeHeader("bytes=0-9", 100)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.ofRangeHeader("bytes=90-", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.ofRangeHeader("bytes=90-500", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.ofRangeHeader("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.ofRangeHeader("bytes=-500", 100)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.ofRangeHeader("bytes=0-1,5-6", 100)).isEmpty(); // several ranges: whole blob
        assertThat(ByteRange.ofRangeHeader("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.ofRangeHeader("bytes=9-1", 100)).isEmpty();
        assertThatThrownBy(() -> ByteRange.ofRangeHeader("bytes=100-", 100))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.ofRangeHeader("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
    }

    @Test
    void contentRanges() {
        assertThat(ByteRange.ofContentRange("0-99")).contains(new ByteRange(0, 99));
        assertThat(ByteRange.ofContentRange("bytes 100-199/*")).contains(new ByteRange(100, 199));
        assertThat(ByteRange.ofContentRange("bytes=5-6/1000")).contains(new ByteRange(5, 6));
        assertThat(ByteRange.ofContentRange("9-1")).isEmpty();
        assertThat(ByteRange.ofContentRange("a-b")).isEmpty();
        assertThat(ByteRange.ofContentRange("99999999999999999999-1")).isEmpty();
        assertThat(ByteRange.uploadRange(0)).isEqualTo("0-0");
        assertThat(ByteRange.uploadRange(10)).isEqualTo("0-9");
    }

    @Test
    void acceptHeaders() {
        String oci = MediaTypes.OCI_MANIFEST;
        assertThat(MediaTypes.accepts(List.of(), oci)).isTrue();
        assertThat(MediaTypes.accepts(List.of(MediaTypes.DOCKER_MANIFEST + ", " + oci), oci)).isTrue();
        assertThat(MediaTypes.accepts(List.of(MediaTypes.DOCKER_MANIFEST), oci)).isFalse();
        assertThat(MediaTypes.accepts(List.of(MediaTypes.DOCKER_MANIFEST, oci + ";q=0.5"), oci)).isTrue();
        assertThat(MediaTypes.accepts(List.of("*/*"), oci)).isTrue();
        assertThat(MediaTypes.accepts(List.of("application/*"), oci)).isTrue();
        assertThat(MediaTypes.accepts(List.of(oci + ";q=0"), oci)).isFalse();
        assertThat(MediaTypes.essence("Application/JSON; charset=utf-8")).isEqualTo("application/json");
    }
}
