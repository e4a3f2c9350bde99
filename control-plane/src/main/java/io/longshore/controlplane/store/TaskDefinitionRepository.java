package io.longshore.controlplane.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class TaskDefinitionRepository implements PanacheRepositoryBase<TaskDefinitionEntity, Long> {

    /**
     * The family's next revision. The upsert row-locks the family's counter until the transaction
     * ends, so concurrent registrations of one family queue up and get consecutive revisions.
     */
    public Uni<Integer> nextRevision(String family) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO task_definition_families (family, latest_revision) VALUES (?1, 1) "
                                + "ON CONFLICT (family) DO UPDATE "
                                + "SET latest_revision = task_definition_families.latest_revision + 1 "
                                + "RETURNING latest_revision", Integer.class)
                .setParameter(1, family)
                .getSingleResult());
    }

    public Uni<TaskDefinitionEntity> findRevision(String family, int revision, LockModeType lock) {
        return find("family = ?1 and revision = ?2", family, revision).withLock(lock).firstResult();
    }

    public Uni<TaskDefinitionEntity> findLatestActive(String family) {
        return find("family = ?1 and status = 'ACTIVE' order by revision desc", family).firstResult();
    }

    /** ARNs in family then revision order; status null means any. */
    public Uni<List<TaskDefinitionEntity>> listByPrefix(String familyPrefix, String status) {
        String like = (familyPrefix == null ? "" : familyPrefix
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        if (status == null) {
            return list("family like ?1 escape '\\' order by family, revision", like);
        }
        return list("family like ?1 escape '\\' and status = ?2 order by family, revision", like, status);
    }
}
