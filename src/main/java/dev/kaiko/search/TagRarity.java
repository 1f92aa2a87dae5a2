package dev.kaiko.search;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.kaiko.archive.ArchiveChanged;
import dev.kaiko.tagging.TopicTagsChanged;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * How many topics carry each effective technology tag (document frequency), from the database in one grouped query
 * and kept in a Quarkus cache ({@code kaiko-tag-rarity}) until an import or a tag edit changes it. Keys carry a
 * generation that every invalidation advances, so a table computed while an import was invalidating is never read.
 */
@ApplicationScoped
class TagRarity {

    /** Topics in the archive, and topics per tag (keys lower-cased: effective tags compare case-insensitively). */
    record Table(long topics, Map<String, Long> topicsPerTag) {

        long df(String tag) {
            return topicsPerTag.getOrDefault(tag.toLowerCase(Locale.ROOT), 0L);
        }

        /** ln(N / df): 0 for a tag every topic carries, large for a tag few carry. */
        double idf(String tag) {
            long df = Math.max(1, df(tag));
            return topics <= df ? 0 : Math.log((double) topics / df);
        }
    }

    private final AtomicLong generation = new AtomicLong();

    @Inject
    EntityManager em;

    @CacheName("kaiko-tag-rarity")
    Cache cache;

    Table table() {
        return cache.get(
                        generation.get(),
                        k -> QuarkusTransaction.joiningExisting().call(this::compute))
                .await()
                .indefinitely();
    }

    private Table compute() {
        long topics = em.createQuery("select count(t) from Topic t", Long.class).getSingleResult();
        Map<String, Long> perTag = new HashMap<>();
        em.createQuery("select e.name, count(e) from EffectiveTag e group by e.name", Object[].class)
                .getResultList()
                .forEach(r ->
                        perTag.merge(((String) r[0]).toLowerCase(Locale.ROOT), ((Number) r[1]).longValue(), Long::sum));
        return new Table(topics, Map.copyOf(perTag));
    }

    void invalidate() {
        generation.incrementAndGet();
        cache.invalidateAll().await().indefinitely();
    }

    void onArchiveChanged(@Observes ArchiveChanged changed) {
        invalidate();
    }

    void onTagsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TopicTagsChanged changed) {
        invalidate();
    }
}
