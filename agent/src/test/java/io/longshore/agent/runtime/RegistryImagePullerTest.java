package io.longshore.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pull policy and the choice of credential, over an engine that only records what it is asked. */
class RegistryImagePullerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(42);
    static final RegistryCredential LOCAL = new RegistryCredential("127.0.0.1:5000", "AWS", "lst1.t", Instant.EPOCH);

    /** Knows some images; records pulls (image, username or "-", timeout); fails when told to. */
    static final class Engine implements ContainerRuntime {
        final Set<String> present;
        final List<String> pulls = new ArrayList<>();
        String failure;

        Engine(String... present) {
            this.present = Set.of(present);
        }

        @Override
        public boolean imagePresent(String image) {
            return present.contains(image);
        }

        @Override
        public void pull(ImageReference image, RegistryCredential credential, Duration timeout) {
            pulls.add(image.qualifiedRepository() + ":" + image.tagOrDigest() + " "
                    + (credential == null ? "-" : credential.username() + "@" + credential.registry()) + " "
                    + timeout.toSeconds());
            if (failure != null) {
                throw new ContainerRuntimeException(failure, null);
            }
        }

        @Override
        public void ping() {
        }

        @Override
        public String create(ContainerSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(String containerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(String containerId, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ContainerInfo> inspect(String containerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String containerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ContainerInfo> listByLabel(String key, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ContainerUsage> usage(String containerId) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aPresentImageIsNotPulledAgainUnlessThePolicyIsAlways() throws Exception {
        Engine engine = new Engine("127.0.0.1:5000/team/app:1.0");
        RegistryImagePuller puller = new RegistryImagePuller(engine, TIMEOUT);
        puller.ensurePresent("127.0.0.1:5000/team/app:1.0", "IF_NOT_PRESENT", LOCAL);
        puller.ensurePresent("127.0.0.1:5000/team/app:1.0", null, LOCAL);
        assertThat(engine.pulls).isEmpty();

        puller.ensurePresent("127.0.0.1:5000/team/app:1.0", "ALWAYS", LOCAL);
        assertThat(engine.pulls).containsExactly("127.0.0.1:5000/team/app:1.0 AWS@127.0.0.1:5000 42");
    }

    @Test
    void aMissingImageIsPulledWithTheCredentialOfItsRegistryOnly() throws Exception {
        Engine engine = new Engine();
        RegistryImagePuller puller = new RegistryImagePuller(engine, TIMEOUT);
        String digest = "sha256:" + "c".repeat(64);
        puller.ensurePresent("127.0.0.1:5000/app@" + digest, "IF_NOT_PRESENT", LOCAL);
        puller.ensurePresent("busybox", "IF_NOT_PRESENT", null);
        puller.ensurePresent("localhost:5000/app", "IF_NOT_PRESENT", LOCAL); // another host: never its credential
        assertThat(engine.pulls).containsExactly(
                "127.0.0.1:5000/app:" + digest + " AWS@127.0.0.1:5000 42",
                "busybox:latest - 42",
                "localhost:5000/app:latest - 42");
    }

    @Test
    void anyFailureIsACannotPullContainerErrorWithTheEnginesMessage() {
        Engine engine = new Engine();
        engine.failure = "Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused";
        RegistryImagePuller puller = new RegistryImagePuller(engine, TIMEOUT);
        assertThatThrownBy(() -> puller.ensurePresent("127.0.0.1:1/nothing:latest", "IF_NOT_PRESENT", null))
                .isInstanceOf(ImagePuller.ImageUnavailableException.class)
                .hasMessage("CannotPullContainerError: " + engine.failure);
        assertThatThrownBy(() -> puller.ensurePresent("app:", "IF_NOT_PRESENT", null))
                .isInstanceOf(ImagePuller.ImageUnavailableException.class)
                .hasMessageStartingWith("CannotPullContainerError: image reference app: has an empty tag");
    }
}
