package dev.kaiko.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A number shared by every instance using the database, advanced by each archive write ({@link ArchiveWrites}) and
 * each applied index batch. Caches of derived figures key on it: when it moved, something they were computed from
 * changed, on whichever instance.
 */
@ApplicationScoped
public class ArchiveGeneration {

    @Inject
    EntityManager em;

    /** Must run inside the transaction that made the change, so the new number commits with it. */
    public void advance() {
        em.createNativeQuery("update archive_generation set value = value + 1").executeUpdate();
    }

    /** The committed number now (one indexed single-row read). */
    public long current() {
        return QuarkusTransaction.joiningExisting()
                .call(() -> ((Number) em.createNativeQuery("select value from archive_generation")
                                .getSingleResult())
                        .longValue());
    }
}
