package io.longshore.registry.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class RepositoryStore implements PanacheRepositoryBase<RepositoryEntity, String> {

    /** The repository share-locked: it cannot be deleted until the caller's transaction ends. */
    public Uni<RepositoryEntity> findForShare(String name) {
        return findById(name, LockModeType.PESSIMISTIC_READ);
    }

    /** Creates the repository unless it exists; true when this call created it. Race-free. */
    public Uni<Boolean> insertIfAbsent(String name, String tagMutability, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO registry.repositories (name, tag_mutability, created_at) VALUES (?1, ?2, ?3) "
                                + "ON CONFLICT (name) DO NOTHING")
                .setParameter(1, name)
                .setParameter(2, tagMutability)
                .setParameter(3, now)
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Names after {@code last} in byte order, at most {@code limit}. */
    public Uni<List<String>> namesAfter(String last, int limit) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT name FROM registry.repositories WHERE name > ?1 ORDER BY name LIMIT ?2", String.class)
                .setParameter(1, last == null ? "" : last)
                .setParameter(2, limit)
                .getResultList());
    }

    public Uni<List<RepositoryEntity>> listByPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return list("order by name");
        }
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return list("name like ?1 escape '\\' order by name", escaped + "%");
    }

    public Uni<Boolean> hasManifests(String name) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT count(*) FROM registry.manifests WHERE repository = ?1", Long.class)
                .setParameter(1, name)
                .getSingleResult())
                .map(count -> count > 0);
    }
}
