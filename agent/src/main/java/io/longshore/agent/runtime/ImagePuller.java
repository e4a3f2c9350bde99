package io.longshore.agent.runtime;

import io.longshore.common.model.RegistryCredential;

/**
 * Makes a container's image available before the container is created: pulled from its registry
 * as the container's pull policy says ({@link RegistryImagePuller}), with the task's credential for
 * that registry.
 */
public interface ImagePuller {

    /**
     * Blocks until the image is in the engine (callers keep it off event loops).
     *
     * @param pullPolicy {@code IF_NOT_PRESENT} (an image already present is not pulled again) or {@code ALWAYS}
     * @param credential the task's credential for the image's registry, or null to pull anonymously
     * @throws ImageUnavailableException with ECS's container reason
     *                                   ({@code CannotPullContainerError: ...}) when the image cannot be had
     */
    void ensurePresent(String image, String pullPolicy, RegistryCredential credential) throws ImageUnavailableException;

    /** An image that cannot be pulled; the message is the container's {@code reason}. */
    class ImageUnavailableException extends Exception {
        public ImageUnavailableException(String message) {
            super(message);
        }
    }
}
