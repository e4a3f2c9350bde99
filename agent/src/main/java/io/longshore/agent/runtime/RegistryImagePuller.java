package io.longshore.agent.runtime;

import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Pulls images into the engine the way ECS's agent does: an image already present is used as it is
 * unless the container asks for {@code ALWAYS}; otherwise it is pulled, with the task's credential
 * when the task carries one for the image's registry. Any failure (no such image, refused
 * credential, unreachable registry, a pull that takes longer than the timeout) becomes
 * {@code CannotPullContainerError: <the engine's message>}.
 */
public final class RegistryImagePuller implements ImagePuller {
    private static final Logger LOG = Logger.getLogger(RegistryImagePuller.class);
    static final String PREFIX = "CannotPullContainerError: ";

    private final ContainerRuntime runtime;
    private final Duration timeout;

    public RegistryImagePuller(ContainerRuntime runtime, Duration timeout) {
        this.runtime = runtime;
        this.timeout = timeout;
    }

    @Override
    public void ensurePresent(String image, String pullPolicy, RegistryCredential credential)
            throws ImageUnavailableException {
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new ImageUnavailableException(PREFIX + e.getMessage());
        }
        try {
            if (!ContainerDefinition.ALWAYS.equals(pullPolicy) && runtime.imagePresent(image)) {
                return;
            }
            // only a credential for this image's registry is ever handed to the engine
            RegistryCredential matching = credential != null && credential.servesImage(image) ? credential : null;
            LOG.infof("pulling %s%s", image, matching == null ? "" : " as " + matching.username());
            runtime.pull(reference, matching, timeout);
        } catch (ContainerRuntimeException e) {
            throw new ImageUnavailableException(PREFIX + e.getMessage());
        }
    }
}
