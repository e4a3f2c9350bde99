package io.longshore.registry.service;

import io.longshore.registry.config.RegistryConfig;
import io.longshore.registry.oci.ErrorCode;
import io.longshore.registry.oci.Names;
import io.longshore.registry.oci.RegistryException;
import io.longshore.registry.store.RepositoryEntity;
import io.longshore.registry.store.RepositoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** ECR repositories: create, list, describe, tag mutability, delete; and the push-side existence check. */
@ApplicationScoped
public class RepositoryService {
    private final RepositoryStore repositories;
    private final RegistryConfig config;
    private final Clock clock;

    public RepositoryService(RepositoryStore repositories, RegistryConfig config, Clock clock) {
        this.repositories = repositories;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Within the caller's transaction: the repository a push goes to, share-locked so it cannot be
     * deleted under the push. A missing one is NAME_UNKNOWN, or created when auto-creation is on.
     */
    public Uni<RepositoryEntity> requireForPush(String name) {
        return repositories.findForShare(name).flatMap(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            if (!config.autoCreateRepositories()) {
                return Uni.createFrom().failure(nameUnknown(name));
            }
            return repositories.insertIfAbsent(name, RepositoryEntity.MUTABLE, clock.instant())
                    .flatMap(created -> repositories.findForShare(name));
        });
    }

    /** Within the caller's session: the repository or NAME_UNKNOWN. */
    public Uni<RepositoryEntity> require(String name) {
        return repositories.findById(name).map(found -> {
            if (found == null) {
                throw nameUnknown(name);
            }
            return found;
        });
    }

    public static RegistryException nameUnknown(String name) {
        return new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + name
                + " does not exist; create it with POST /v1/repositories {\"repositoryName\": \"" + name + "\"}",
                name);
    }

    public Uni<RepositoryEntity> create(String name, String tagMutability) {
        validateName(name);
        String mutability = validateMutability(tagMutability == null ? RepositoryEntity.MUTABLE : tagMutability);
        return Panache.withTransaction(() -> repositories.insertIfAbsent(name, mutability, clock.instant())
                .flatMap(created -> {
                    if (!created) {
                        return Uni.createFrom().failure(new EcrException(409, EcrException.ALREADY_EXISTS,
                                "The repository with name '" + name + "' already exists in the registry with id '"
                                        + io.longshore.common.model.Arns.ACCOUNT + "'"));
                    }
                    return repositories.findById(name);
                }));
    }

    public Uni<List<RepositoryEntity>> list(String prefix) {
        return Panache.withSession(() -> repositories.listByPrefix(prefix));
    }

    public Uni<RepositoryEntity> describe(String name) {
        validateName(name);
        return Panache.withSession(() -> repositories.findById(name)).map(found -> {
            if (found == null) {
                throw EcrException.notFound(name);
            }
            return found;
        });
    }

    public Uni<RepositoryEntity> setTagMutability(String name, String tagMutability) {
        validateName(name);
        if (tagMutability == null) {
            throw EcrException.invalid("imageTagMutability: is required (MUTABLE or IMMUTABLE)");
        }
        String mutability = validateMutability(tagMutability);
        return Panache.withTransaction(() -> repositories.findById(name).map(found -> {
            if (found == null) {
                throw EcrException.notFound(name);
            }
            found.tagMutability = mutability;
            return found;
        }));
    }

    /** Deletes the repository; one with images only when {@code force}. Blobs are left to garbage collection. */
    public Uni<RepositoryEntity> delete(String name, boolean force) {
        validateName(name);
        return Panache.withTransaction(() -> repositories.findById(name, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .flatMap(found -> {
                    if (found == null) {
                        return Uni.createFrom().failure(EcrException.notFound(name));
                    }
                    return repositories.hasManifests(name).flatMap(hasImages -> {
                        if (hasImages && !force) {
                            return Uni.createFrom().failure(new EcrException(409, EcrException.NOT_EMPTY,
                                    "The repository with name '" + name + "' in registry with id '"
                                            + io.longshore.common.model.Arns.ACCOUNT
                                            + "' cannot be deleted because it still contains images; "
                                            + "delete them first or pass force=true"));
                        }
                        return repositories.delete(found).replaceWith(found);
                    });
                }));
    }

    /**
     * /v2/_catalog: up to {@code limit} repository names after {@code last}, in byte order, of those
     * {@code visible} accepts (the ones the token may pull), plus whether more follow.
     */
    public Uni<ManifestService.Page> catalog(String last, int limit, Predicate<String> visible) {
        return Panache.withSession(() -> collect(last, limit, visible, new ArrayList<>()));
    }

    private Uni<ManifestService.Page> collect(String last, int limit, Predicate<String> visible, List<String> found) {
        int batch = Math.max(100, Math.min(limit + 1, 1000));
        return repositories.namesAfter(last, batch).flatMap(names -> {
            for (String name : names) {
                if (visible.test(name)) {
                    found.add(name);
                    if (found.size() > limit) {
                        return Uni.createFrom().item(new ManifestService.Page(List.copyOf(found.subList(0, limit)),
                                true));
                    }
                }
            }
            if (names.size() < batch) {
                return Uni.createFrom().item(new ManifestService.Page(List.copyOf(found), false));
            }
            return collect(names.get(names.size() - 1), limit, visible, found);
        });
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw EcrException.invalid("repositoryName: is required");
        }
        if (name.length() < 2 || !Names.isRepository(name)) {
            throw EcrException.invalid("repositoryName: '" + name + "' must have at least 2 characters and "
                    + Names.REPOSITORY_RULE);
        }
    }

    private static String validateMutability(String value) {
        if (!RepositoryEntity.MUTABLE.equals(value) && !RepositoryEntity.IMMUTABLE.equals(value)) {
            throw EcrException.invalid("imageTagMutability: must be MUTABLE or IMMUTABLE, not '" + value + "'");
        }
        return value;
    }
}
