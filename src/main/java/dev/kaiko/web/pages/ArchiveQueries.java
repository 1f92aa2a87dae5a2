package dev.kaiko.web.pages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.kaiko.model.EffectiveTag;
import dev.kaiko.model.Issue;
import dev.kaiko.model.Topic;
import dev.kaiko.tagging.Technology;

/**
 * Small read-only database queries behind the technology and presenter pages, returned as plain view records so templates never touch lazy entities. Tag counts follow the same "effective tags" rule as
 * the index: the manual set once a topic's tags were edited, else auto and archive tags. Topic and issue pages read
 * {@link dev.kaiko.search.TopicCatalog}, the read model the API serves too.
 */
@ApplicationScoped
@Transactional
public class ArchiveQueries {

    @Inject
    dev.kaiko.tagging.TechnologyCatalog catalog;

    /** JPQL: topic {@code t} joined to the tags people see on it ({@code tt}, see {@link EffectiveTag}). */
    private static final String WITH_TAGS = "from Topic t join EffectiveTag tt on tt.topicId = t.id";

    @Inject
    EntityManager em;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    public record IssueRef(long id, String series, Integer number, String title, LocalDate date, String url) {
        static IssueRef of(Issue i) {
            return new IssueRef(i.id, i.series, i.number, i.title, i.published, SafeHtml.externalUrl(i.url));
        }
    }

    public record TopicSummary(
            long id,
            String title,
            String snippet,
            String presenter,
            String section,
            List<String> tags,
            IssueRef issue) {
        static TopicSummary of(Topic t) {
            return new TopicSummary(
                    t.id,
                    t.title,
                    Topic.excerpt(t.body, 160),
                    t.presenter,
                    t.section,
                    List.copyOf(t.getEffectiveTags()),
                    IssueRef.of(t.issue));
        }

        public int year() {
            return issue.date().getYear();
        }

        /** The issue's date (topic-item.html shows it, as for {@link dev.kaiko.search.TopicCatalog.TopicSummary}). */
        public LocalDate date() {
            return issue.date();
        }
    }

    public record TagCount(String name, String category, long count, Integer firstYear) {}

    public record YearCount(int year, long count) {}

    public record YearGroup(int year, List<TopicSummary> topics) {
        public long count() {
            return topics.size();
        }
    }

    public record TagHistory(
            String name,
            String category,
            long count,
            List<YearCount> years,
            TopicSummary first,
            List<YearGroup> recent,
            long shown,
            List<String> aliases) {}

    public record PresenterHistory(String name, long count, List<YearGroup> years, List<TagCount> topTags) {}

    public long topicCount() {
        return em.createQuery("select count(t) from Topic t", Long.class).getSingleResult();
    }

    public long issueCount() {
        return em.createQuery("select count(i) from Issue i", Long.class).getSingleResult();
    }

    /** Summaries of the given topics, in the given order. */
    private List<TopicSummary> summaries(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, TopicSummary> byId = new LinkedHashMap<>();
        em.createQuery(
                        "select distinct t from Topic t join fetch t.issue left join fetch t.tags where t.id in :ids",
                        Topic.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(t -> byId.put(t.id, TopicSummary.of(t)));
        return ids.stream().map(byId::get).filter(s -> s != null).toList();
    }

    /** Every technology in use, most mentioned first (the same catalogue GET /api/tags serves). */
    public List<TagCount> tags() {
        return catalog.entries().stream()
                .map(e -> new TagCount(e.name(), category(e.name()), e.topics(), e.firstYear()))
                .toList();
    }

    /** A technology's history: per-year counts, its first mention, the most recent topics. */
    public Optional<TagHistory> tag(String name, int maxTopics) {
        List<String> names = em.createQuery(
                        "select distinct tt.name " + WITH_TAGS + " where lower(tt.name) = lower(:name)", String.class)
                .setParameter("name", name)
                .getResultList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String canonical = names.contains(name) ? name : names.get(0);
        String withTag = WITH_TAGS + " where tt.name = :name";
        List<YearCount> years = em.createQuery(
                        "select year(t.issue.published), count(distinct t.id) " + withTag
                                + " group by year(t.issue.published) order by year(t.issue.published)",
                        Object[].class)
                .setParameter("name", canonical)
                .getResultStream()
                .map(r -> new YearCount(((Number) r[0]).intValue(), (Long) r[1]))
                .toList();
        long count = years.stream().mapToLong(YearCount::count).sum();
        List<Long> recentIds = em.createQuery(
                        "select t.id " + withTag + " order by t.issue.published desc, t.position", Long.class)
                .setParameter("name", canonical)
                .setMaxResults(maxTopics)
                .getResultList();
        List<Long> firstIds = em.createQuery(
                        "select t.id " + withTag + " order by t.issue.published, t.position", Long.class)
                .setParameter("name", canonical)
                .setMaxResults(1)
                .getResultList();
        List<TopicSummary> recent = summaries(recentIds);
        TopicSummary first = summaries(firstIds).stream().findFirst().orElse(null);
        List<String> aliases =
                taxonomies.taxonomy().find(canonical).map(Technology::aliases).orElse(List.of());
        return Optional.of(new TagHistory(
                canonical, category(canonical), count, years, first, byYear(recent), recent.size(), aliases));
    }

    /** What one person presented, newest year first. */
    public Optional<PresenterHistory> presenter(String name) {
        List<Long> ids = em.createQuery(
                        "select t.id from Topic t where t.presenter = :name"
                                + " order by t.issue.published desc, t.position",
                        Long.class)
                .setParameter("name", name)
                .setMaxResults(1000)
                .getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long count = em.createQuery("select count(t) from Topic t where t.presenter = :name", Long.class)
                .setParameter("name", name)
                .getSingleResult();
        List<TagCount> topTags = em.createQuery(
                        "select tt.name, count(distinct t.id) " + WITH_TAGS
                                + " where t.presenter = :name"
                                + " group by tt.name order by count(distinct t.id) desc, tt.name",
                        Object[].class)
                .setParameter("name", name)
                .getResultStream()
                // technologies only: labels (tags the taxonomy does not know) are not counted as technologies
                .filter(r -> taxonomies.taxonomy().find((String) r[0]).isPresent())
                .limit(12)
                .map(r -> new TagCount((String) r[0], category((String) r[0]), (Long) r[1], null))
                .toList();
        return Optional.of(new PresenterHistory(name, count, byYear(summaries(ids)), topTags));
    }

    private static List<YearGroup> byYear(List<TopicSummary> topics) {
        Map<Integer, List<TopicSummary>> groups = new LinkedHashMap<>();
        topics.forEach(
                t -> groups.computeIfAbsent(t.year(), y -> new ArrayList<>()).add(t));
        return groups.entrySet().stream()
                .map(e -> new YearGroup(e.getKey(), e.getValue()))
                .toList();
    }

    private String category(String tag) {
        return taxonomies.taxonomy().find(tag).map(Technology::category).orElse("other");
    }
}
