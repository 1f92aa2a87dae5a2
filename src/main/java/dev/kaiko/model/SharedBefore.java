package dev.kaiko.model;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * "Shared before": the topics of earlier issues whose main link is the same link as this topic's (same
 * {@code link_key}, see {@link LinkKey}). An issue is earlier when it was published before, or on the same date with
 * a smaller id; topics of the same issue never count. One query on the indexed {@code link_key}.
 */
@ApplicationScoped
public class SharedBefore {

    /** The issue of an earlier topic, as the API and the topic page name it. */
    public record IssueRef(long id, String series, Integer number, LocalDate date) {}

    /** An earlier topic sharing the link. */
    public record Earlier(@JsonProperty("topic_id") long topicId, String title, IssueRef issue) {}

    @Inject
    EntityManager em;

    /** Earlier topics with the same link, earliest first; empty when the topic has no web link. Needs a transaction. */
    public List<Earlier> of(Topic topic) {
        // derived here too if the row was written without the entity callback and not yet filled
        String key = topic.titleKey != null ? topic.linkKey : LinkKey.ofTopic(topic.url, topic.links);
        if (key == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.title, i.id as issue_id, i.series, i.number, i.published
                from topic t join issue i on i.id = t.issue_id
                where t.link_key = ?1 and (i.published < ?2 or (i.published = ?2 and i.id < ?3))
                order by i.published, i.id, t.position""")
                .setParameter(1, key)
                .setParameter(2, topic.issue.published)
                .setParameter(3, topic.issue.id)
                .getResultList();
        return rows.stream().map(SharedBefore::earlier).toList();
    }

    static Earlier earlier(Object[] r) {
        return new Earlier(
                ((Number) r[0]).longValue(),
                (String) r[1],
                new IssueRef(
                        ((Number) r[2]).longValue(),
                        (String) r[3],
                        r[4] == null ? null : ((Number) r[4]).intValue(),
                        toLocalDate(r[5])));
    }

    static LocalDate toLocalDate(Object o) {
        return o instanceof LocalDate d ? d : ((Date) o).toLocalDate();
    }
}
