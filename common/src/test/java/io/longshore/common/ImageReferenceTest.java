package io.longshore.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.model.RegistryCredential.ImageReference;
import org.junit.jupiter.api.Test;

/** Image references are taken apart as Docker does, so the control plane and the agent agree on the registry. */
class ImageReferenceTest {

    @Test
    void aFirstComponentWithADotAColonOrLocalhostIsTheRegistry() {
        assertThat(ImageReference.parse("127.0.0.1:5000/team/app:1.0"))
                .isEqualTo(new ImageReference("127.0.0.1:5000", "team/app", "1.0", null));
        assertThat(ImageReference.parse("localhost/app"))
                .isEqualTo(new ImageReference("localhost", "app", "latest", null));
        assertThat(ImageReference.parse("registry.example.com/app:2"))
                .isEqualTo(new ImageReference("registry.example.com", "app", "2", null));
    }

    @Test
    void otherwiseTheImageIsDockerHubsWithTagLatestByDefault() {
        assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference(null, "busybox", "latest", null));
        assertThat(ImageReference.parse("longshore/busybox:latest"))
                .isEqualTo(new ImageReference(null, "longshore/busybox", "latest", null));
        assertThat(ImageReference.parse("localhostish/app:1").registry()).isNull();
        // a single component is never a registry: "127.0.0.1:5000" is repository 127.0.0.1 at tag 5000
        assertThat(ImageReference.parse("127.0.0.1:5000"))
                .isEqualTo(new ImageReference(null, "127.0.0.1", "5000", null));
    }

    @Test
    void aDigestPinsTheImageWithOrWithoutATag() {
        String digest = "sha256:" + "a".repeat(64);
        ImageReference pinned = ImageReference.parse("localhost:5000/app@" + digest);
        assertThat(pinned).isEqualTo(new ImageReference("localhost:5000", "app", null, digest));
        assertThat(pinned.tagOrDigest()).isEqualTo(digest);
        assertThat(pinned.qualifiedRepository()).isEqualTo("localhost:5000/app");
        ImageReference both = ImageReference.parse("localhost:5000/app:1@" + digest);
        assertThat(both).isEqualTo(new ImageReference("localhost:5000", "app", "1", digest));
        assertThat(both.tagOrDigest()).isEqualTo(digest);
    }

    @Test
    void malformedReferencesAreRefused() {
        assertThatThrownBy(() -> ImageReference.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("app:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("app@")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/")).isInstanceOf(IllegalArgumentException.class);
    }
}
