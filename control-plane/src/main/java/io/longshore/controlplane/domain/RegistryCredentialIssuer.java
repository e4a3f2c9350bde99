package io.longshore.controlplane.domain;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Issues the pull credentials a task carries for Longshore's registry, as ECS's task execution role
 * lets the agent pull from ECR: one credential per registry host the task's images name, allowed to
 * pull exactly the repositories those images name there and nothing else, for a limited time.
 * Images of other registries (Docker Hub's included) get none. Pure: time comes from the clock.
 */
public final class RegistryCredentialIssuer {
    /** The subject of a task's token names the task definition whose images it may pull. */
    public static final String SUBJECT_PREFIX = "task-execution:";

    private final RegistryTokens tokens;
    private final Set<String> hosts;
    private final Duration validity;
    private final Clock clock;

    /**
     * @param hosts    the image hosts ({@code host:port}) that are Longshore's registry; case does not matter
     * @param validity how long a credential is accepted
     */
    public RegistryCredentialIssuer(RegistryTokens tokens, Collection<String> hosts, Duration validity, Clock clock) {
        this.tokens = tokens;
        this.hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.validity = validity;
        this.clock = clock;
    }

    /** One credential per host of Longshore's registry the containers' images name, in the order first named. */
    public List<RegistryCredential> issue(String taskDefinitionArn, List<ContainerDefinition> containers) {
        Map<String, Set<String>> repositoriesByHost = new LinkedHashMap<>();
        for (ContainerDefinition container : containers) {
            image(container).filter(i -> i.registry() != null && hosts.contains(i.registry().toLowerCase(Locale.ROOT)))
                    .ifPresent(i -> repositoriesByHost.computeIfAbsent(i.registry().toLowerCase(Locale.ROOT),
                            h -> new TreeSet<>()).add(i.repository()));
        }
        List<RegistryCredential> credentials = new ArrayList<>();
        repositoriesByHost.forEach((host, repositories) -> {
            List<RegistryTokens.Grant> grants = repositories.stream()
                    .map(r -> new RegistryTokens.Grant(r, Set.of(RegistryTokens.PULL)))
                    .toList();
            RegistryTokens.IssuedToken issued = tokens.issueToken(SUBJECT_PREFIX + taskDefinitionArn, grants, validity);
            credentials.add(new RegistryCredential(host, RegistryTokens.USERNAME, issued.token(),
                    issued.claims().expiresAt()));
        });
        return List.copyOf(credentials);
    }

    /** When the soonest of the credentials expires; empty without any. */
    public static Optional<Instant> earliestExpiry(List<RegistryCredential> credentials) {
        return credentials.stream().map(RegistryCredential::expiresAt).min(Instant::compareTo);
    }

    /**
     * Credentials expiring before this instant are due for renewal: within half their validity, so a
     * renewal missed once (a restart, a slow database) still comes in time.
     */
    public Instant renewBefore() {
        return clock.instant().plus(validity.dividedBy(2));
    }

    private static Optional<ImageReference> image(ContainerDefinition container) {
        try {
            return Optional.of(ImageReference.parse(container.image()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a reference we could pull with a credential; the engine will say why
        }
    }
}
