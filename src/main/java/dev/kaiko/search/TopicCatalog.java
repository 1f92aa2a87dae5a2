package dev.kaiko.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.model.Issue;
import dev.kaiko.model.SharedBefore;
import dev.kaiko.model.Topic;

/**
 * The one read model for browsing, behind both the JSON API ({@code /api/topics/{id}}, {@code /api/issues},
 * {@code /api/issues/{id}}) and the pages ({@code /topics/{id}}, {@code /issues/{id}}): one topic with its issue,
 * the other topics of that issue, its previous and next topic, related topics and where its link was shared before;
 * issues by year; one issue with its topics, sections and neighbouring issues.
 * <p>
 * Reads the database (the truth); only "related" asks the engine, through the one definition in
 * {@link RelatedTopics} (up to {@link #RELATED}). When nothing qualifies, {@code related} is empty with
 * {@code related_reason = "none_found"}; when the engine is not ready or fails, the topic is still answered with no
 * related topics, {@code related_available = false} and {@code related_reason = "engine_unavailable"}.
 * <p>
 * URLs are returned as imported; pages make them safe for href themselves ({@code url:external}).
 */
@ApplicationScoped
public class TopicCatalog {

    /** How many related topics a topic gets, in the API and on its page. */
    public static final int RELATED = RelatedTopics.COUNT;

    @Inject
    EntityManager em;

    @Inject
    SharedBefore sharedBefore;

    @Inject
    RelatedTopics relatedTopics;

    public record IssueSummary(
            long id,
            String series,
            Integer number,
            String title,
            LocalDate date,
            String url,
            @JsonProperty("topic_count") long topicCount) {}

    /** A topic in a list (an issue's topics, neighbours, related); {@code date} is its issue's date. */
    public record TopicSummary(
            long id,
            String title,
            String section,
            String presenter,
            String url,
            List<String> tags,
            int position,
            LocalDate date) {}

    /** A topic of its issue's table of contents, {@code current} when it is the topic shown. */
    public record TopicLink(long id, String title, boolean current) {}

    public record TopicDetail(
            long id,
            String title,
            String body,
            String url,
            List<String> links,
            String section,
            String presenter,
            List<String> tags,
            LocalDate date,
            int year,
            int position,
            IssueSummary issue,
            List<TopicSummary> neighbours,
            List<TopicSummary> related,
            @JsonProperty("shared_before") List<SharedBefore.Earlier> sharedBefore,
            @JsonIgnore String bodyHtml,
            TopicSummary previous,
            TopicSummary next,
            @JsonProperty("related_available") boolean relatedAvailable,
            @JsonProperty("related_reason") String relatedReason) {

        /** Every topic of the issue in order, this one included and marked (the page's table of contents). */
        public List<TopicLink> issueTopics() {
            List<TopicLink> links = new ArrayList<>();
            neighbours.stream().filter(n -> n.position() < position).forEach(n -> links.add(link(n)));
            links.add(new TopicLink(id, title, true));
            neighbours.stream().filter(n -> n.position() >= position).forEach(n -> links.add(link(n)));
            return links;
        }

        private static TopicLink link(TopicSummary s) {
            return new TopicLink(s.id(), s.title(), false);
        }
    }

    /** Topics of one section of an issue ("" when the issue has no sections). */
    public record Section(String name, List<TopicSummary> topics) {}

    public record IssueDetail(IssueSummary issue, List<TopicSummary> topics, IssueSummary previous, IssueSummary next) {

        /** The topics grouped by section, in order of first appearance. */
        public List<Section> sections() {
            Map<String, List<TopicSummary>> sections = new LinkedHashMap<>();
            for (TopicSummary t : topics) {
                sections.computeIfAbsent(t.section() == null ? "" : t.section(), k -> new ArrayList<>())
                        .add(t);
            }
            return sections.entrySet().stream()
                    .map(e -> new Section(e.getKey(), e.getValue()))
                    .toList();
        }
    }

    @Transactional
    public Optional<TopicDetail> topic(long id) {
        List<Topic> found = em.createQuery(
                        "select distinct t from Topic t join fetch t.issue left join fetch t.tags"
                                + " where t.id = :id",
                        Topic.class)
                .setParameter("id", id)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Topic t = found.get(0);
        List<TopicSummary> issueTopics = topicsOf(t.issue);
        List<TopicSummary> neighbours =
                issueTopics.stream().filter(o -> o.id() != t.id).toList();
        int at = -1;
        for (int i = 0; i < issueTopics.size(); i++) {
            if (issueTopics.get(i).id() == t.id) {
                at = i;
            }
        }
        TopicSummary previous = at > 0 ? issueTopics.get(at - 1) : null;
        TopicSummary next = at >= 0 && at < issueTopics.size() - 1 ? issueTopics.get(at + 1) : null;
        RelatedTopics.Related related = relatedTopics.of(t);
        return Optional.of(new TopicDetail(
                t.id,
                t.title,
                t.body,
                t.url,
                t.linkList(),
                t.section,
                t.presenter,
                List.copyOf(t.getEffectiveTags()),
                t.getDate(),
                t.getYear(),
                t.position,
                summary(t.issue, issueTopics.size()),
                neighbours,
                related.topics().stream().map(r -> summary(r, r.issue)).toList(),
                sharedBefore.of(t),
                t.bodyHtml,
                previous,
                next,
                related.status() != RelatedTopics.Status.UNAVAILABLE,
                reason(related.status())));
    }

    /** Why {@code related} is empty, for readers: null when it is not. */
    private static String reason(RelatedTopics.Status status) {
        return switch (status) {
            case FOUND -> null;
            case NONE_FOUND -> "none_found";
            case UNAVAILABLE -> "engine_unavailable";
        };
    }

    @Transactional
    public List<IssueSummary> issues(Integer year) {
        // topic counts in the same query: one round trip however many issues
        var query = em.createQuery(
                "select i, (select count(t) from Topic t where t.issue = i) from Issue i"
                        + (year == null ? "" : " where i.published >= :from and i.published < :to")
                        + " order by i.published desc, i.id desc",
                Object[].class);
        if (year != null) {
            query.setParameter("from", LocalDate.of(year, 1, 1)).setParameter("to", LocalDate.of(year + 1, 1, 1));
        }
        return query.getResultList().stream()
                .map(r -> summary((Issue) r[0], ((Number) r[1]).longValue()))
                .toList();
    }

    @Transactional
    public Optional<IssueDetail> issue(long id) {
        Issue i = em.find(Issue.class, id);
        if (i == null) {
            return Optional.empty();
        }
        List<TopicSummary> topics = topicsOf(i);
        return Optional.of(new IssueDetail(
                summary(i, topics.size()), topics, neighbour(i, "<", "desc"), neighbour(i, ">", "asc")));
    }

    /** The issue's topics in order, with their tags in one query. */
    private List<TopicSummary> topicsOf(Issue issue) {
        List<Topic> topics = em.createQuery(
                        "select distinct t from Topic t left join fetch t.tags" + " where t.issue.id = :id",
                        Topic.class)
                .setParameter("id", issue.id)
                .getResultList();
        return topics.stream()
                .sorted(Comparator.comparingInt(t -> t.position))
                .map(t -> summary(t, issue))
                .toList();
    }

    /** The issue of the same series published just before or after. */
    private IssueSummary neighbour(Issue issue, String comparison, String order) {
        return em.createQuery(
                        "select i, (select count(t) from Topic t where t.issue = i) from Issue i"
                                + " where i.series = :series and (i.published " + comparison
                                + " :date or (i.published = :date"
                                + " and i.id " + comparison + " :id)) order by i.published " + order + ", i.id "
                                + order,
                        Object[].class)
                .setParameter("series", issue.series)
                .setParameter("date", issue.published)
                .setParameter("id", issue.id)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(r -> summary((Issue) r[0], ((Number) r[1]).longValue()))
                .orElse(null);
    }

    private static IssueSummary summary(Issue i, long topicCount) {
        return new IssueSummary(i.id, i.series, i.number, i.title, i.published, i.url, topicCount);
    }

    private static TopicSummary summary(Topic t, Issue issue) {
        return new TopicSummary(
                t.id,
                t.title,
                t.section,
                t.presenter,
                t.url,
                List.copyOf(t.getEffectiveTags()),
                t.position,
                issue.published);
    }
}
