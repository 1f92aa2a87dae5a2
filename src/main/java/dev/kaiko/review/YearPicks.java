package dev.kaiko.review;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.kaiko.model.ArchiveWrites;
import dev.kaiko.review.YearReview.IssueRef;
import dev.kaiko.search.InvalidSearchParameter;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The topics an admin picked to lead a year's review, in order, each with an optional note. A topic is picked for
 * the year of its issue. Picks are rows keyed by topic id, which re-imports keep (see {@code archive.IssueStore}), so
 * picks survive them; deleting a topic deletes its pick. Writes go through {@link ArchiveWrites} (serialised with
 * imports, so a pick never points at a topic an import is removing) and forget the cached reviews.
 */
@ApplicationScoped
public class YearPicks {

    static final int MAX_PICKS = 20;
    static final int MAX_NOTE = 2000;
    private static final Duration WAIT = Duration.ofMinutes(2);

    /** One pick as written: the topic's id and an optional note. */
    public record Pick(Long topic, String note) {}

    /** One pick as read: position from 1, with the topic's title and issue for display. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PickView(long topic, int position, String note, String title, IssueRef issue) {}

    @Inject
    EntityManager em;

    @Inject
    ArchiveWrites writes;

    @Inject
    ReviewCache cache;

    /** The year's picks, in order. */
    public List<PickView> list(int year) {
        return QuarkusTransaction.requiringNew().call(() -> read(year));
    }

    /**
     * Replaces the year's picks with these, in this order.
     *
     * @throws InvalidSearchParameter naming {@code topic} or {@code note} (with the pick's index in the message)
     */
    public List<PickView> replace(int year, List<Pick> picks) {
        if (picks == null) {
            throw new InvalidSearchParameter("picks", "expected a JSON list of {\"topic\": id, \"note\": \"...\"}");
        }
        if (picks.size() > MAX_PICKS) {
            throw new InvalidSearchParameter("picks", "at most " + MAX_PICKS + " picks per year");
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < picks.size(); i++) {
            Pick p = picks.get(i);
            if (p == null || p.topic() == null) {
                throw new InvalidSearchParameter("topic", "of picks[" + i + "]: missing topic id");
            }
            if (!seen.add(p.topic())) {
                throw new InvalidSearchParameter(
                        "topic", "of picks[" + i + "]: topic " + p.topic() + " is picked twice");
            }
            checkNote(p.note(), "of picks[" + i + "]");
        }
        List<PickView> out = writes.write(WAIT, () -> {
            for (int i = 0; i < picks.size(); i++) {
                checkYear(year, picks.get(i).topic(), "of picks[" + i + "]");
            }
            deleteYear(year);
            for (int i = 0; i < picks.size(); i++) {
                insert(picks.get(i).topic(), i + 1, picks.get(i).note());
            }
            return read(year);
        });
        cache.invalidateAll();
        return out;
    }

    /** Picks one topic (last, when not yet picked) or changes its note. */
    public List<PickView> put(int year, long topic, String note) {
        checkNote(note, "");
        List<PickView> out = writes.write(WAIT, () -> {
            checkYear(year, topic, "");
            int updated = em.createNativeQuery("update review_pick set note = cast(?1 as text) where topic_id = ?2")
                    .setParameter(1, blankToNull(note))
                    .setParameter(2, topic)
                    .executeUpdate();
            if (updated == 0) {
                int last =
                        read(year).stream().mapToInt(PickView::position).max().orElse(0);
                if (last >= MAX_PICKS) {
                    throw new InvalidSearchParameter("topic", "at most " + MAX_PICKS + " picks per year");
                }
                insert(topic, last + 1, note);
            }
            return read(year);
        });
        cache.invalidateAll();
        return out;
    }

    /** Unpicks one topic of the year; false when it was not picked. */
    public boolean delete(int year, long topic) {
        boolean deleted = writes.write(
                WAIT,
                () -> em.createNativeQuery("""
                        delete from review_pick p using topic t, issue i
                        where p.topic_id = ?1 and t.id = p.topic_id and i.id = t.issue_id
                          and i.published >= ?2 and i.published < ?3""")
                                .setParameter(1, topic)
                                .setParameter(2, LocalDate.of(year, 1, 1))
                                .setParameter(3, LocalDate.of(year + 1, 1, 1))
                                .executeUpdate()
                        > 0);
        cache.invalidateAll();
        return deleted;
    }

    private static void checkNote(String note, String field) {
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidSearchParameter("note", prefix(field) + "at most " + MAX_NOTE + " characters");
        }
    }

    private void checkYear(int year, long topic, String field) {
        @SuppressWarnings("unchecked")
        List<Object> published = em.createNativeQuery(
                        "select i.published from topic t join issue i on i.id = t.issue_id where t.id = ?1")
                .setParameter(1, topic)
                .getResultList();
        if (published.isEmpty()) {
            throw new InvalidSearchParameter("topic", prefix(field) + "there is no topic " + topic);
        }
        int topicYear = YearReview.toLocalDate(published.get(0)).getYear();
        if (topicYear != year) {
            throw new InvalidSearchParameter(
                    "topic", prefix(field) + "topic " + topic + " is from " + topicYear + ", not " + year);
        }
    }

    private void deleteYear(int year) {
        em.createNativeQuery("""
                        delete from review_pick p using topic t, issue i
                        where t.id = p.topic_id and i.id = t.issue_id and i.published >= ?1 and i.published < ?2""")
                .setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, LocalDate.of(year + 1, 1, 1))
                .executeUpdate();
    }

    private void insert(long topic, int position, String note) {
        em.createNativeQuery("insert into review_pick (topic_id, position, note) values (?1, ?2, cast(?3 as text))")
                .setParameter(1, topic)
                .setParameter(2, position)
                .setParameter(3, blankToNull(note))
                .executeUpdate();
    }

    private static String prefix(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    private static String blankToNull(String note) {
        return note == null || note.isBlank() ? null : note.strip();
    }

    private List<PickView> read(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.topic_id, p.position, p.note, t.title, i.id, i.series, i.number, i.title, i.published, i.url
                from review_pick p join topic t on t.id = p.topic_id join issue i on i.id = t.issue_id
                where i.published >= ?1 and i.published < ?2 order by p.position, p.topic_id""")
                .setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, LocalDate.of(year + 1, 1, 1))
                .getResultList();
        List<PickView> out = new ArrayList<>();
        int position = 0;
        for (Object[] r : rows) {
            out.add(new PickView(
                    ((Number) r[0]).longValue(), ++position, (String) r[2], (String) r[3], IssueRef.fromRow(r, 4)));
        }
        return out;
    }
}
