package io.longshore.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The registry's settings, {@code longshore.registry.*}. */
@ConfigMapping(prefix = "longshore.registry")
public interface RegistryConfig {

    /** Where blobs and upload files live; blobs are content-addressed under it. */
    @WithDefault("data/registry")
    String storageRoot();

    /** The secret the registry and the control plane sign tokens with (at least 16 characters). */
    @WithDefault("longshore-local-development-secret")
    String tokenSecret();

    /** Whether a push to a repository that does not exist creates it (ECR refuses it). */
    @WithDefault("false")
    boolean autoCreateRepositories();

    /** The largest manifest accepted, in bytes (distribution's limit). */
    @WithDefault("4194304")
    int maxManifestBytes();

    /** An upload untouched for this long is abandoned: its file is deleted and its id forgotten. */
    @WithDefault("1h")
    Duration uploadExpiry();

    /** How often abandoned uploads are looked for (the scheduler reads it as {@code ${longshore.registry.upload-sweep-interval}}). */
    @WithDefault("1m")
    Duration uploadSweepInterval();

}
