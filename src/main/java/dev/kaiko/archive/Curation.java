package dev.kaiko.archive;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.model.ArchiveWrites;
import dev.kaiko.model.IndexFreshness;
import dev.kaiko.model.IndexOutbox;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * An admin's corrections to the stored archive: deleting issues (one, a whole series, or the demo archive) and
 * naming the presenters the archive does not name.
 *
 * <p>A delete removes the issues' rows; topics, tags, citations made by them and references to their topics go
 * with them (foreign keys on delete cascade). Citations elsewhere that name a deleted issue stay as parsed text and
 * resolve to nothing, exactly as when that issue was never imported (and resolve again if it is re-imported). The
 * index follows through the outbox, which purges documents whose topic no longer exists, so a delete while the
 * engine is down is applied when it returns.
 *
 * <p>Every change runs through {@link ArchiveWrites} and fires {@link ArchiveChanged} once committed (and, when the
 * engine is up, indexed), which is what makes reviews and caches forget what they computed.
 */
@ApplicationScoped
public class Curation {

    private static final Duration WRITE_WAIT = Duration.ofMinutes(2);
    /** How long a curation waits for search to show it; stored either way, indexed when the engine takes it. */
    private static final Duration INDEX_WAIT = Duration.ofSeconds(10);

    static final String DEMO_REMOVED = "demo-removed";

    @Inject
    EntityManager em;

    @Inject
    ArchiveWrites writes;

    @Inject
    IndexOutbox indexOutbox;

    @Inject
    IndexFreshness indexing;

    @Inject
    Event<ArchiveChanged> archiveChanged;

    /** What a delete removed; {@code indexing} as for imports: "done" or "pending" (the engine is down or slow). */
    public record Deleted(long issues, long topics, String indexing) {}

    /** A topic's presenter after an edit. */
    public record TopicPresenter(
            long id,
            String presenter,
            @JsonProperty("presenter_edited") boolean presenterEdited,
            @JsonProperty("archive_presenter") String archivePresenter) {}

    /** An issue's topics after a presenter edit of all of them. */
    public record IssuePresenter(long issue, long topics, String presenter) {}

    /** How much of the stored archive is the bundled demo. */
    public record Demo(long issues, long topics) {}

    /** Deletes one issue; empty when there is no such issue. */
    public Optional<Deleted> deleteIssue(long issueId) {
        return deleteWhere("i.id = ?1", issueId);
    }

    /**
     * Deletes every issue of a series, named as citations name it (case-insensitive, spaces collapsed); empty when
     * no issue has that series.
     */
    public Optional<Deleted> deleteSeries(String series) {
        return deleteWhere(
                "lower(regexp_replace(btrim(i.series), '\\s+', ' ', 'g')) = ?1", CitationResolver.seriesKey(series));
    }

    /**
     * Deletes the demo archive's issues (none: nothing to do) and remembers it, so the next start of an instance
     * left empty does not import the demo again.
     */
    public Deleted deleteDemo() {
        return deleteWhere("i.demo and ?1", true).orElseGet(() -> {
            writes.run(WRITE_WAIT, this::rememberDemoRemoved);
            return new Deleted(0, 0, "done");
        });
    }

    private Optional<Deleted> deleteWhere(String condition, Object value) {
        Optional<Deleted> stored = writes.write(WRITE_WAIT, () -> {
            List<Long> issues = ids("select i.id from issue i where " + condition, value);
            if (issues.isEmpty()) {
                return Optional.<Deleted>empty();
            }
            Long[] issueIds = issues.toArray(Long[]::new);
            List<Long> topics = ids("select t.id from topic t where t.issue_id = any(cast(?1 as bigint[]))", issueIds);
            // recorded before the rows go: the processor purges the documents of topics it no longer finds
            indexOutbox.topicsChanged(topics);
            boolean demo = !ids("select i.id from issue i where i.demo and i.id = any(cast(?1 as bigint[]))", issueIds)
                    .isEmpty();
            em.createNativeQuery("delete from issue where id = any(cast(?1 as bigint[]))")
                    .setParameter(1, issueIds)
                    .executeUpdate();
            if (demo) {
                rememberDemoRemoved();
            }
            return Optional.of(new Deleted(issues.size(), topics.size(), null));
        });
        return stored.map(d -> new Deleted(d.issues(), d.topics(), changed()));
    }

    private void rememberDemoRemoved() {
        em.createNativeQuery("insert into archive_setting (name, value) values (?1, 'true') on conflict (name)"
                        + " do update set value = excluded.value, updated_at = now()")
                .setParameter(1, DEMO_REMOVED)
                .executeUpdate();
    }

    /** Whether the demo archive was deleted once (the start-up import of the demo stays off from then on). */
    boolean demoRemoved() {
        return QuarkusTransaction.requiringNew()
                .call(() -> !em.createNativeQuery("select 1 from archive_setting where name = ?1")
                        .setParameter(1, DEMO_REMOVED)
                        .getResultList()
                        .isEmpty());
    }

    /** Names a topic's presenter by hand; kept through re-imports. Empty when there is no such topic. */
    public Optional<TopicPresenter> setPresenter(long topicId, String presenter) {
        return editTopic(topicId, "presenter = ?2, presenter_edited = true", presenter);
    }

    /** Drops the hand-set presenter: the topic shows the archive's again (often none). */
    public Optional<TopicPresenter> clearPresenter(long topicId) {
        return editTopic(topicId, "presenter = archive_presenter, presenter_edited = false", null);
    }

    /** Names the presenter of every topic of an issue. Empty when there is no such issue. */
    public Optional<IssuePresenter> setIssuePresenter(long issueId, String presenter) {
        return editIssue(issueId, "presenter = ?2, presenter_edited = true", presenter);
    }

    /** Drops the hand-set presenters of an issue's topics. */
    public Optional<IssuePresenter> clearIssuePresenter(long issueId) {
        return editIssue(issueId, "presenter = archive_presenter, presenter_edited = false", null);
    }

    private Optional<TopicPresenter> editTopic(long topicId, String assignment, String presenter) {
        Optional<TopicPresenter> edited = writes.write(WRITE_WAIT, () -> {
            if (update("id = ?1", topicId, assignment, presenter).isEmpty()) {
                return Optional.<TopicPresenter>empty();
            }
            Object[] row = (Object[]) em.createNativeQuery(
                            "select presenter, presenter_edited, archive_presenter from topic where id = ?1")
                    .setParameter(1, topicId)
                    .getSingleResult();
            return Optional.of(new TopicPresenter(topicId, (String) row[0], (Boolean) row[1], (String) row[2]));
        });
        edited.ifPresent(e -> changed());
        return edited;
    }

    private Optional<IssuePresenter> editIssue(long issueId, String assignment, String presenter) {
        Optional<IssuePresenter> edited = writes.write(WRITE_WAIT, () -> {
            if (ids("select i.id from issue i where i.id = ?1", issueId).isEmpty()) {
                return Optional.<IssuePresenter>empty();
            }
            List<Long> topics = update("issue_id = ?1", issueId, assignment, presenter);
            return Optional.of(new IssuePresenter(issueId, topics.size(), presenter));
        });
        edited.ifPresent(e -> changed());
        return edited;
    }

    /** Updates the selected topics and queues them for the index; their ids. */
    private List<Long> update(String where, long id, String assignment, String presenter) {
        List<Long> topics = ids("select id from topic where " + where + " order by id for update", id);
        if (topics.isEmpty()) {
            return topics;
        }
        var update = em.createNativeQuery("update topic set " + assignment + ", updated_at = now() where " + where)
                .setParameter(1, id);
        if (presenter != null) {
            update.setParameter(2, presenter);
        }
        update.executeUpdate();
        indexOutbox.topicsChanged(topics);
        return topics;
    }

    /** After a committed change: search shows it (when the engine is up), then derived things forget. */
    private String changed() {
        boolean indexed = indexing.awaitIndexed(INDEX_WAIT);
        archiveChanged.fire(ArchiveChanged.curated());
        return indexed ? "done" : "pending";
    }

    /** How much of the archive is the demo. */
    public Demo demo() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                            select (select count(*) from issue where demo),
                                   (select count(*) from topic t join issue i on i.id = t.issue_id where i.demo)""").getSingleResult();
            return new Demo(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        });
    }

    /** The ids of the demo's issues (pages mark them); empty once the demo is gone. */
    public Set<Long> demoIssueIds() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new HashSet<>(ids("select i.id from issue i where i.demo and ?1", true)));
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql, Object param) {
        return ((List<Number>) em.createNativeQuery(sql).setParameter(1, param).getResultList())
                .stream().map(Number::longValue).toList();
    }
}
