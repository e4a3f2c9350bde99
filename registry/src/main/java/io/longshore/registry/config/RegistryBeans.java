package io.longshore.registry.config;

import io.longshore.common.auth.RegistryTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The registry's plain-Java collaborators as beans. Tests replace the clock to move time. */
@ApplicationScoped
public class RegistryBeans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    RegistryTokens registryTokens(RegistryConfig config, Clock clock) {
        return new RegistryTokens(config.tokenSecret(), clock);
    }
}
