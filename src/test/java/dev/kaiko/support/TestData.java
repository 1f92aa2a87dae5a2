package dev.kaiko.support;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.search.mapper.orm.mapping.SearchMapping;

import dev.kaiko.index.SearchAvailability;

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
        em.createNativeQuery("delete from index_dead_letter").executeUpdate();
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

    /**
     * The resolved back-references, by stable identity (topic keys, not ids): "cited topic key ← citing topic key,
     * cited year", sorted. Equal for two archives whose citations resolved alike, whatever order they came in.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.List<String> references() {
        return em.createNativeQuery("""
                select concat_ws(' <- ', t.title || ' [' || t.topic_key || ']', c.title || ' [' || c.topic_key || ']',
                       r.cited_year)
                from topic_reference r join topic t on t.id = r.cited_topic_id join topic c on c.id = r.citing_topic_id
                order by 1""").getResultList();
    }

    /** The parsed citations, by citing topic key, sorted. */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.List<String> citations() {
        return em.createNativeQuery("""
                select concat_ws(' -> ', t.topic_key, c.series_key, c.cited_date)
                from topic_citation c join topic t on t.id = c.citing_topic_id order by 1""").getResultList();
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

    /**
     * Topics per presenter of one year, straight from the database (the year of a topic is its issue's), for
     * checking figures the application computes through the search engine.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Long> presenterTopics(int year) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Object[] row : (java.util.List<Object[]>)
                em.createNativeQuery("""
                select t.presenter, count(*) from topic t join issue i on i.id = t.issue_id
                where t.presenter is not null and extract(year from i.published) = :year
                group by t.presenter""").setParameter("year", year).getResultList()) {
            out.put((String) row[0], ((Number) row[1]).longValue());
        }
        return out;
    }

    /** Every topic id the index holds (an engine that cannot answer throws). */
    @Transactional
    public java.util.Set<Long> indexedTopicIds() {
        return new java.util.HashSet<>(org.hibernate.search.mapper.orm.Search.session(em)
                .search(dev.kaiko.model.Topic.class)
                .select(f -> f.id(Long.class))
                .where(f -> f.matchAll())
                .fetchHits(10_000)); // the engine's result window; tests hold fewer topics
    }

    /** The id of the one topic whose title is like the pattern (SQL LIKE). */
    @Transactional
    public long topicId(String titleLike) {
        return ((Number) em.createNativeQuery("select id from topic where title like ?1")
                        .setParameter(1, titleLike)
                        .getSingleResult())
                .longValue();
    }

    /** Index changes waiting in the outbox. */
    @Transactional
    public long outboxRows() {
        return ((Number) em.createNativeQuery("select count(*) from index_outbox")
                        .getSingleResult())
                .longValue();
    }

    /** The ids of every stored topic. */
    @Transactional
    public java.util.Set<Long> topicIds() {
        return new java.util.HashSet<>(
                em.createQuery("select t.id from Topic t", Long.class).getResultList());
    }

    @Transactional
    public long count(String entity) {
        return em.createQuery("select count(e) from " + entity + " e", Long.class)
                .getSingleResult();
    }

    /**
     * Where the review counters the database keeps (migration V31) differ from the same counts made from scratch
     * over the stored topics: one line per differing key, "table key: kept N, counted M"; empty when exact.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.List<String> reviewCountDrift() {
        String[][] pairs = {
            {
                "review_issue_topics",
                "select c.issue_id::text, sum(c.topics) from review_issue_topics c join issue i on i.id = c.issue_id"
                        + " group by 1",
                "select issue_id::text, count(*) from topic group by 1"
            },
            {
                "review_presenter_topics",
                "select concat_ws('|', series, year, presenter), sum(topics) from review_presenter_topics group by 1",
                "select concat_ws('|', i.series, extract(year from i.published)::int, t.presenter), count(*)"
                        + " from topic t join issue i on i.id = t.issue_id where t.presenter is not null group by 1"
            },
            {
                "review_tag_topics",
                "select concat_ws('|', series, year, name), sum(topics) from review_tag_topics group by 1",
                "select concat_ws('|', i.series, extract(year from i.published)::int, e.name), count(*)"
                        + " from topic_effective_tag e join topic t on t.id = e.topic_id"
                        + " join issue i on i.id = t.issue_id group by 1"
            },
            {
                "review_presenter_tag_topics",
                "select concat_ws('|', series, year, presenter, name), sum(topics) from review_presenter_tag_topics"
                        + " group by 1",
                "select concat_ws('|', i.series, extract(year from i.published)::int, t.presenter, e.name), count(*)"
                        + " from topic_effective_tag e join topic t on t.id = e.topic_id"
                        + " join issue i on i.id = t.issue_id where t.presenter is not null group by 1"
            },
            {
                "review_tag_topic",
                "select concat_ws('|', topic_id, name, series, year, length), count(*) from review_tag_topic group by 1",
                "select concat_ws('|', t.id, e.name, i.series, extract(year from i.published)::int, length(t.body)),"
                        + " count(*) from topic_effective_tag e join topic t on t.id = e.topic_id"
                        + " join issue i on i.id = t.issue_id group by 1"
            }
        };
        java.util.List<String> drift = new java.util.ArrayList<>();
        for (String[] p : pairs) {
            java.util.Map<String, Long> kept = new java.util.TreeMap<>();
            java.util.Map<String, Long> counted = new java.util.TreeMap<>();
            for (Object[] r :
                    (java.util.List<Object[]>) em.createNativeQuery(p[1]).getResultList()) {
                kept.put((String) r[0], ((Number) r[1]).longValue());
            }
            for (Object[] r :
                    (java.util.List<Object[]>) em.createNativeQuery(p[2]).getResultList()) {
                counted.put((String) r[0], ((Number) r[1]).longValue());
            }
            java.util.Set<String> keys = new java.util.TreeSet<>(kept.keySet());
            keys.addAll(counted.keySet());
            for (String k : keys) {
                long a = kept.getOrDefault(k, 0L);
                long b = counted.getOrDefault(k, 0L);
                if (a != b) {
                    drift.add(p[0] + " " + k + ": kept " + a + ", counted " + b);
                }
            }
        }
        return drift;
    }
}
