package dev.kaiko.tagging;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.model.ArchiveWrites;
import dev.kaiko.model.IndexFreshness;
import dev.kaiko.model.IndexOutbox;
import dev.kaiko.model.Topic;
import dev.kaiko.model.TopicTag;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Changes to stored tags: people's manual edits, and re-tagging every topic after the taxonomy changed.
 * A manual edit sets the topic's whole tag list; from then on that list is what the topic shows, through
 * re-imports and re-tagging (auto and archive tags are still recorded, as provenance).
 */
@ApplicationScoped
public class TagEditor {

    private static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    TopicTagging tagging;

    @Inject
    BackgroundJobs jobs;

    @Inject
    IndexOutbox indexOutbox;

    @Inject
    IndexFreshness indexing;

    @Inject
    ArchiveWrites writes;

    @Inject
    Event<TopicTagsChanged> tagsChanged;

    private static final java.time.Duration WRITE_WAIT = java.time.Duration.ofMinutes(2);

    /** Sets the topic's tags by hand (names mapped to canonical ones); empty if there is no such topic. */
    public Optional<Set<String>> setManualTags(long topicId, List<String> names) {
        return visible(writes.write(WRITE_WAIT, () -> {
            Topic topic = em.find(Topic.class, topicId);
            if (topic == null) {
                return Optional.<Set<String>>empty();
            }
            topic.tags.removeIf(t -> TopicTag.MANUAL.equals(t.provenance));
            tagging.archiveTags(names).forEach(n -> topic.tags.add(new TopicTag(n, TopicTag.MANUAL)));
            topic.tagsEdited = true;
            changed(List.of(topic.id));
            return Optional.of(topic.getEffectiveTags());
        }));
    }

    /** Drops the manual edit: the topic shows its auto and archive tags again. */
    public Optional<Set<String>> clearManualTags(long topicId) {
        return visible(writes.write(WRITE_WAIT, () -> {
            Topic topic = em.find(Topic.class, topicId);
            if (topic == null) {
                return Optional.<Set<String>>empty();
            }
            topic.tags.removeIf(t -> TopicTag.MANUAL.equals(t.provenance));
            topic.tagsEdited = false;
            changed(List.of(topic.id));
            return Optional.of(topic.getEffectiveTags());
        }));
    }

    /** In the writing transaction: the index and whatever derives from tags follow. */
    private void changed(List<Long> topicIds) {
        if (topicIds.isEmpty()) {
            return;
        }
        em.flush();
        indexOutbox.topicsChanged(topicIds);
        tagsChanged.fire(new TopicTagsChanged(topicIds));
    }

    /** Waits briefly for the index so the editor's next search shows the edit (it is stored either way). */
    private <T> T visible(T result) {
        indexing.awaitIndexed(java.time.Duration.ofSeconds(10));
        return result;
    }

    /**
     * Recomputes the auto tags of every topic, in batches of their own transactions; the index follows, for those
     * topics and for every topic with archive or manual tags (a new alias may have promoted one of its labels).
     */
    public BackgroundJobs.Status retagAll() {
        return jobs.submit("retag", progress -> {
            progress.total(QuarkusTransaction.requiringNew()
                    .call(() -> em.createQuery("select count(t) from Topic t", Long.class)
                            .getSingleResult()));
            long after = 0;
            while (true) {
                long from = after;
                Batch batch = writes.write(WRITE_WAIT, () -> retagBatch(from));
                if (batch.size() == 0) {
                    break;
                }
                progress.advance(batch.size());
                after = batch.lastId();
            }
            indexing.awaitIndexed(java.time.Duration.ofMinutes(5));
            return null;
        });
    }

    private record Batch(int size, long lastId) {}

    private Batch retagBatch(long afterId) {
        // the batch's ids first, then those topics with their tags: a row limit on a join fetch would make Hibernate
        // load every remaining topic and cut in memory (HHH90003004), quadratic over the whole archive
        List<Long> ids = em.createQuery("select t.id from Topic t where t.id > :after order by t.id", Long.class)
                .setParameter("after", afterId)
                .setMaxResults(BATCH)
                .getResultList();
        if (ids.isEmpty()) {
            return new Batch(0, afterId);
        }
        List<Topic> topics = em.createQuery(
                        "select distinct t from Topic t left join fetch t.tags where t.id in :ids order by t.id",
                        Topic.class)
                .setParameter("ids", ids)
                .getResultList();
        List<Long> changed = new java.util.ArrayList<>();
        for (Topic topic : topics) {
            Set<String> auto = tagging.autoTags(topic.title, topic.body);
            Set<String> current = new LinkedHashSet<>();
            topic.tags.stream().filter(t -> TopicTag.AUTO.equals(t.provenance)).forEach(t -> current.add(t.name));
            if (!current.equals(auto)) {
                topic.tags.removeIf(t -> TopicTag.AUTO.equals(t.provenance));
                auto.forEach(n -> topic.tags.add(new TopicTag(n, TopicTag.AUTO)));
                changed.add(topic.id);
            } else if (topic.tags.stream().anyMatch(t -> !TopicTag.AUTO.equals(t.provenance))) {
                // archive and manual tags are stored as given; whether one is a technology or a label is the
                // taxonomy's to say (TagKinds), and the taxonomy may have changed: the index follows
                changed.add(topic.id);
            }
        }
        changed(changed);
        return new Batch(topics.size(), topics.get(topics.size() - 1).id);
    }
}
