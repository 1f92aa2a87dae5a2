package dev.kaiko.support;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.search.mapper.orm.mapping.SearchMapping;

import dev.kaiko.engine.SearchAvailability;

/** Test-only access to the shared application's state: wait for search, start each test class from empty. */
@ApplicationScoped
public class TestData {

    @Inject
    EntityManager em;
    @Inject
    SearchMapping searchMapping;
    @Inject
    SearchAvailability availability;

    public void awaitSearch() {
        try {
            if (!availability.awaitReady(Duration.ofMinutes(3))) {
                throw new IllegalStateException("search did not become ready: " + availability.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes every issue and topic, in the database and in the index. */
    public void clear() {
        awaitSearch();
        deleteRows();
        var workspace = searchMapping.scope(Object.class).workspace();
        workspace.purge();
        workspace.refresh();
    }

    @Transactional
    void deleteRows() {
        em.createNativeQuery("delete from topic_tag").executeUpdate();
        em.createNativeQuery("delete from topic").executeUpdate();
        em.createNativeQuery("delete from issue").executeUpdate();
    }

    @Transactional
    public long count(String entity) {
        return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }
}
