package io.longshore.common.model;

import java.time.Instant;
import java.util.Locale;

/**
 * A credential for pulling a task's images from one registry, like the pull credentials of ECS's
 * task execution role: the control plane issues it with the task's spec, the agent hands it to
 * the engine for images of that registry. For Longshore's own registry the username is
 * {@code AWS} and the password a short-lived token that may only pull the repositories the task
 * names.
 *
 * @param registry  {@code host[:port]} exactly as image references name it (e.g. {@code 127.0.0.1:5000})
 * @param expiresAt when the password stops being accepted
 */
public record RegistryCredential(String registry, String username, String password, Instant expiresAt) {

    /** Whether this credential is for the registry the image reference names. */
    public boolean servesImage(String image) {
        if (image == null || image.isBlank() || registry == null) {
            return false;
        }
        String host = ImageReference.parse(image).registry();
        return host != null && host.toLowerCase(Locale.ROOT).equals(registry.toLowerCase(Locale.ROOT));
    }

    /** Never the password: records print their components, and credentials end up in logs. */
    @Override
    public String toString() {
        return "RegistryCredential[registry=" + registry + ", username=" + username + ", password=***, expiresAt="
                + expiresAt + "]";
    }

    /**
     * An image reference taken apart the way Docker does ({@code distribution/reference}): the first
     * path component is a registry host when it contains a {@code .} or a {@code :} or is
     * {@code localhost} (and more components follow); otherwise the image is Docker Hub's. A
     * reference with neither tag nor digest means tag {@code latest}.
     *
     * <p>Kept next to {@link RegistryCredential} because the control plane (which issues a credential
     * per registry host) and the agent (which picks the credential for an image) must agree on it.
     *
     * @param registry   {@code host[:port]}, or null for Docker Hub
     * @param repository the path without the registry ({@code team/app})
     * @param tag        the tag; null when a digest is given without one
     * @param digest     {@code algorithm:hex}, or null
     */
    public record ImageReference(String registry, String repository, String tag, String digest) {
        public static final String DEFAULT_TAG = "latest";

        /** @throws IllegalArgumentException for a blank reference or one with an empty part */
        public static ImageReference parse(String image) {
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("an image reference must not be blank");
            }
            String name = image.trim();
            String digest = null;
            int at = name.indexOf('@');
            if (at >= 0) {
                digest = name.substring(at + 1);
                name = name.substring(0, at);
                if (digest.isEmpty()) {
                    throw new IllegalArgumentException("image reference " + image + " has an empty digest");
                }
            }
            String tag = null;
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) { // a colon in the last component starts the tag, not a port
                tag = name.substring(colon + 1);
                name = name.substring(0, colon);
                if (tag.isEmpty()) {
                    throw new IllegalArgumentException("image reference " + image + " has an empty tag");
                }
            }
            String registry = null;
            int slash = name.indexOf('/');
            if (slash > 0) {
                String first = name.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    registry = first;
                    name = name.substring(slash + 1);
                }
            }
            if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
                throw new IllegalArgumentException("image reference " + image + " names no repository");
            }
            if (tag == null && digest == null) {
                tag = DEFAULT_TAG;
            }
            return new ImageReference(registry, name, tag, digest);
        }

        /** The repository with its registry, as {@code docker pull} takes it before the tag. */
        public String qualifiedRepository() {
            return registry == null ? repository : registry + "/" + repository;
        }

        /** What to pull: the digest when there is one (it pins the content), else the tag. */
        public String tagOrDigest() {
            return digest != null ? digest : tag;
        }
    }
}
