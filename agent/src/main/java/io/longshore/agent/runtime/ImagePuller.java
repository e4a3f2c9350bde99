package io.longshore.agent.runtime;

/**
 * Makes a task's image available before its containers are created. Today images must be present
 * locally ({@link LocalImagesOnly}); pulling from a registry slots in here.
 */
public interface ImagePuller {

    /**
     * @throws ImageUnavailableException with ECS's container reason (e.g.
     *                                   {@code CannotPullContainerError: ...}) when the image cannot be had
     */
    void ensurePresent(String image) throws ImageUnavailableException;

    /** An image that cannot be pulled; the message is the container's {@code reason}. */
    class ImageUnavailableException extends Exception {
        public ImageUnavailableException(String message) {
            super(message);
        }
    }
}
