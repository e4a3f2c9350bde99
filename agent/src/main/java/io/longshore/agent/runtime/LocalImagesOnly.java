package io.longshore.agent.runtime;

/** Pulls nothing: a task runs only if its image is already present in the engine. */
public final class LocalImagesOnly implements ImagePuller {
    private final ContainerRuntime runtime;

    public LocalImagesOnly(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void ensurePresent(String image) throws ImageUnavailableException {
        if (!runtime.imagePresent(image)) {
            throw new ImageUnavailableException("CannotPullContainerError: image " + image + " not found locally");
        }
    }
}
