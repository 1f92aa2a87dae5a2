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
        em.createNativeQuery("delete from index_outbox").executeUpdate();
        em.createNativeQuery("delete from topic_tag").executeUpdate();
        em.createNativeQuery("delete from topic").executeUpdate();
        em.createNativeQuery("delete from issue").executeUpdate();
    }

    /**
     * Everything a person could tell apart in the stored archive, one line per topic in a stable order: issue,
     * topic fields, tags with provenance. Two archives are the same when their dumps are equal.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.List<String> dump() {
        return em.createNativeQuery("""
                select concat_ws(' | ', i.series, i.number, i.published, i.title, i.url, t.position, t.title,
                       t.section, t.url, t.presenter, array_to_string(t.links, ' '), array_to_string(t.attributes, ' '),
                       t.tags_edited, md5(t.body), md5(coalesce(t.body_html, '')),
                       (select string_agg(tt.name || '/' || tt.provenance, ',' order by tt.name, tt.provenance)
                          from topic_tag tt where tt.topic_id = t.id))
                from topic t join issue i on i.id = t.issue_id
                order by i.series, i.published, i.number, t.position, t.title, t.topic_key""").getResultList();
    }

    /** Asserts two dumps are equal, showing only the lines that differ. */
    public static void assertSameArchive(java.util.List<String> expected, java.util.List<String> actual) {
        if (!expected.equals(actual)) {
            var missing = new java.util.ArrayList<>(expected);
            actual.forEach(missing::remove);
            var extra = new java.util.ArrayList<>(actual);
            expected.forEach(extra::remove);
            org.junit.jupiter.api.Assertions.fail("Archives differ (" + expected.size() + " vs " + actual.size()
                    + " topics).\nMissing: " + missing.subList(0, Math.min(3, missing.size()))
                    + "\nUnexpected: " + extra.subList(0, Math.min(3, extra.size())));
        }
    }

    @Transactional
    public long count(String entity) {
        return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }
}
