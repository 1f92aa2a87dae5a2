package dev.kaiko.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Reads the back-references between issues ("(Neco Weekly 2023-03-17号、…)" in a later topic) that
 * {@code archive.CitationResolver} derives and resolves to topics when issues are stored (see it for the rule);
 * reviewing a year then only reads the small reference table.
 */
@ApplicationScoped
public class Citations {

    @Inject
    EntityManager em;

    /** The topics of {@code year} that later issues refer to (see the class comment for the rule). */
    public Set<Long> referencedIn(int year) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(
                        "select distinct cited_topic_id from topic_reference where cited_year = ?1 order by 1")
                .setParameter(1, year)
                .getResultList();
        Set<Long> out = new LinkedHashSet<>();
        ids.forEach(id -> out.add(id.longValue()));
        return out;
    }

    /** For each of the given topics, the later issues referring to it, oldest first. */
    public Map<Long, List<YearReview.IssueRef>> citingIssues(Collection<Long> topicIds) {
        Map<Long, List<YearReview.IssueRef>> out = new LinkedHashMap<>();
        if (topicIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("""
                select distinct r.cited_topic_id, ci.id, ci.series, ci.number, ci.title, ci.published, ci.url
                from topic_reference r join issue ci on ci.id = r.citing_issue_id
                where r.cited_topic_id in (?1) order by ci.published, ci.id""").setParameter(1, topicIds).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(YearReview.IssueRef.fromRow(r, 1));
        }
        return out;
    }
}
