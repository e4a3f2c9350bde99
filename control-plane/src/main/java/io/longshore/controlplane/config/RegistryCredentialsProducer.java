package io.longshore.controlplane.config;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.controlplane.domain.RegistryCredentialIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The issuer of tasks' registry pull credentials, from {@code longshore.registry.*}. */
@ApplicationScoped
public class RegistryCredentialsProducer {

    @Produces
    @Singleton
    RegistryCredentialIssuer issuer(LongshoreConfig config, Clock clock) {
        LongshoreConfig.Registry registry = config.registry();
        return new RegistryCredentialIssuer(new RegistryTokens(registry.tokenSecret(), clock), registry.hosts(),
                registry.credentialValidity(), clock);
    }
}
