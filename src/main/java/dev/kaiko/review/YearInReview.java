package dev.kaiko.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.kaiko.archive.ArchiveChanged;
import dev.kaiko.model.Topic;
import dev.kaiko.review.ReviewAggregations.Figures;
import dev.kaiko.review.YearReview.Highlight;
import dev.kaiko.review.YearReview.HighlightTopic;
import dev.kaiko.review.YearReview.IssueRef;
import dev.kaiko.review.YearReview.MonthCount;
import dev.kaiko.review.YearReview.PresenterCount;
import dev.kaiko.review.YearReview.TechnologyCount;
import dev.kaiko.review.YearReview.TechnologyTrend;
import dev.kaiko.review.YearReview.Totals;
import dev.kaiko.tagging.TopicTagsChanged;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A generated retrospective of one year of the archive. Figures come from one aggregation request to the search
 * engine; only the handful of highlight topics are read from the database. Reviews are cached per year until the
 * next import.
 *
 * <p>Definitions: a technology is <em>new this year</em> when the archive mentions it in no earlier year;
 * <em>disappeared</em> when the previous year mentions it and this year does not (the previous year's 20 most
 * mentioned such). <em>Rising</em> and
 * <em>falling</em> compare the share of the year's topics (not raw counts, so a busier year does not lift
 * everything) with the previous year's, leaving out the new and disappeared ones, which have lists of their own;
 * without a previous year there is nothing to compare and both are empty.
 */
@ApplicationScoped
public class YearInReview {

    static final int TOP_TECHNOLOGIES = 10;
    static final int TRENDS = 10;
    static final int HIGHLIGHTS = 5;
    /** Disappeared technologies listed: the previous year's most mentioned ones. */
    static final int DISAPPEARED = 20;

    private static final int EXCERPT = 280;
    /** Share changes smaller than this (percentage points) count as no change. */
    private static final double SAME = 0.005;

    @Inject
    ReviewAggregations aggregations;

    @Inject
    Citations citations;

    @Inject
    ReviewCache cache;

    @Inject
    EntityManager em;

    /** The years of the archive, oldest first. */
    public List<YearCount> years() {
        return cache.get("years", () -> List.copyOf(aggregations.years().values()));
    }

    /** The year's review, or empty when the archive has no topic that year. */
    public Optional<YearReview> review(int year) {
        return Optional.ofNullable(
                cache.get(year, () -> QuarkusTransaction.requiringNew().call(() -> compute(year))));
    }

    /** Forgets every computed review (the benchmark's cold runs; imports do it through {@link ArchiveChanged}). */
    public void invalidate() {
        cache.invalidateAll();
    }

    void onArchiveChanged(@Observes ArchiveChanged changed) {
        cache.invalidateAll();
    }

    /** A tag edit changes a year's technologies: forget the reviews once it is committed. */
    void onTagsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TopicTagsChanged changed) {
        cache.invalidateAll();
    }

    /** The search page filtered to a year and a technology. */
    public static String searchUrl(int year, String tag) {
        return "/search?year=" + year + "&tag="
                + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private YearReview compute(int year) {
        long start = System.nanoTime();
        Figures f = aggregations.figures(year);
        if (f.topics() == 0) {
            return null;
        }
        List<Integer> years = List.copyOf(f.years().keySet());
        Integer previousYear =
                years.stream().filter(y -> y < year).max(Integer::compare).orElse(null);
        Integer nextYear =
                years.stream().filter(y -> y > year).min(Integer::compare).orElse(null);

        List<TechnologyTrend> top = f.tags().keySet().stream()
                .limit(TOP_TECHNOLOGIES)
                .map(t -> trend(t, f))
                .toList();
        List<TechnologyCount> newThisYear = f.tags().entrySet().stream()
                .filter(e ->
                        f.tagYears().containsKey(e.getKey()) && f.tagYears().get(e.getKey())[0] == year)
                .map(e -> new TechnologyCount(e.getKey(), e.getValue()))
                .toList();
        Set<String> isNew = new HashSet<>();
        newThisYear.forEach(t -> isNew.add(t.name()));
        List<TechnologyTrend> disappeared = f.previousTags().keySet().stream()
                .filter(t -> !f.tags().containsKey(t))
                .limit(DISAPPEARED)
                .map(t -> trend(t, f))
                .toList();
        List<TechnologyTrend> rising = List.of();
        List<TechnologyTrend> falling = List.of();
        if (f.previousTopics() > 0) {
            Set<String> compared = new LinkedHashSet<>(f.tags().keySet());
            compared.addAll(f.previousTags().keySet());
            List<TechnologyTrend> changes = compared.stream()
                    .filter(t -> !isNew.contains(t) && f.tags().containsKey(t))
                    .map(t -> trend(t, f))
                    .toList();
            rising = changes.stream()
                    .filter(t -> t.shareChange() >= SAME)
                    .sorted(Comparator.comparingDouble(TechnologyTrend::shareChange)
                            .reversed()
                            .thenComparing(TechnologyTrend::name))
                    .limit(TRENDS)
                    .toList();
            falling = changes.stream()
                    .filter(t -> t.shareChange() <= -SAME)
                    .sorted(Comparator.comparingDouble(TechnologyTrend::shareChange)
                            .thenComparing(TechnologyTrend::name))
                    .limit(TRENDS)
                    .toList();
        }
        List<MonthCount> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            months.add(new MonthCount(m + 1, f.months()[m]));
        }
        List<PresenterCount> presenters = f.presenters().stream()
                .map(p -> new PresenterCount(p.name(), p.topics(), p.tags()))
                .toList();
        List<IssueRef> issues = issues(year, f.issueTopics());
        Totals totals = new Totals(
                f.issueTopics().size(), f.topics(), presenters.size(), f.tags().size());
        List<Highlight> highlights = highlights(year, top);
        return new YearReview(
                year,
                previousYear,
                nextYear,
                totals,
                top,
                newThisYear,
                disappeared,
                rising,
                falling,
                months,
                presenters,
                highlights,
                issues,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static TechnologyTrend trend(String tag, Figures f) {
        long now = f.tags().getOrDefault(tag, 0L);
        long before = f.previousTags().getOrDefault(tag, 0L);
        double share = share(now, f.topics());
        double previousShare = share(before, f.previousTopics());
        double change = share - previousShare;
        int[] seen = f.tagYears().get(tag);
        String trend = now == 0
                ? "gone"
                : before == 0
                        ? (seen != null && seen[0] < f.year() ? "back" : "new")
                        : change >= SAME ? "up" : change <= -SAME ? "down" : "same";
        return new TechnologyTrend(tag, now, round(share), before, round(previousShare), round(change), trend);
    }

    private static double share(long count, long total) {
        return total == 0 ? 0 : 100.0 * count / total;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private List<IssueRef> issues(int year, Map<Long, Long> topics) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, series, number, title, published, url from issue
                where published >= ?1 and published < ?2 order by published, id""")
                .setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, LocalDate.of(year + 1, 1, 1))
                .getResultList();
        List<IssueRef> out = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            if (topics.containsKey(id)) {
                out.add(new IssueRef(
                        id,
                        (String) r[1],
                        r[2] == null ? null : ((Number) r[2]).intValue(),
                        (String) r[3],
                        YearReview.toLocalDate(r[4]),
                        (String) r[5],
                        topics.get(id)));
            }
        }
        return out;
    }

    /**
     * For each of the first top technologies: its topic of the year cited by the most later issues, else its
     * longest; a topic is highlighted once. The candidates of all technologies come from one query.
     */
    private List<Highlight> highlights(int year, List<TechnologyTrend> top) {
        List<String> tags =
                top.stream().limit(HIGHLIGHTS).map(TechnologyTrend::name).toList();
        if (tags.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with refs as (
                    select cited_topic_id, count(distinct citing_issue_id) as n from topic_reference
                    where cited_year = ?1 group by cited_topic_id
                ),
                tagged as (
                    select tt.name, t.id, coalesce(refs.n, 0) as n, length(t.body) as len
                    from topic_effective_tag tt join topic t on t.id = tt.topic_id join issue i on i.id = t.issue_id
                    left join refs on refs.cited_topic_id = t.id
                    where tt.name in (?2) and i.published >= ?3 and i.published < ?4
                )
                select name, id, n from (
                    select name, id, n, row_number() over (partition by name order by n desc, len desc, id) as rank
                    from tagged) ranked
                where rank <= ?5 order by name, rank""")
                .setParameter(1, year)
                .setParameter(2, tags)
                .setParameter(3, LocalDate.of(year, 1, 1))
                .setParameter(4, LocalDate.of(year + 1, 1, 1))
                .setParameter(5, HIGHLIGHTS + 1)
                .getResultList();
        Map<String, List<Object[]>> candidates = new java.util.HashMap<>();
        rows.forEach(r -> candidates
                .computeIfAbsent((String) r[0], k -> new ArrayList<>())
                .add(r));
        Map<String, Object[]> picks = new java.util.LinkedHashMap<>();
        Set<Long> chosen = new HashSet<>();
        for (String tag : tags) {
            candidates.getOrDefault(tag, List.of()).stream()
                    .filter(r -> !chosen.contains(((Number) r[1]).longValue()))
                    .findFirst()
                    .ifPresent(r -> {
                        chosen.add(((Number) r[1]).longValue());
                        picks.put(tag, r);
                    });
        }
        Map<Long, List<IssueRef>> citing = citations.citingIssues(chosen);
        List<Highlight> out = new ArrayList<>();
        picks.forEach((tag, r) -> {
            Topic t = em.find(Topic.class, ((Number) r[1]).longValue());
            IssueRef issue = new IssueRef(
                    t.issue.id, t.issue.series, t.issue.number, t.issue.title, t.issue.published, t.issue.url, null);
            HighlightTopic topic = new HighlightTopic(
                    t.id,
                    t.title,
                    Topic.excerpt(t.body, EXCERPT),
                    t.url,
                    t.presenter,
                    List.copyOf(t.getEffectiveTags()),
                    issue);
            String search = searchUrl(year, tag);
            out.add(new Highlight(
                    tag,
                    ((Number) r[2]).longValue() > 0 ? "referenced" : "longest",
                    topic,
                    citing.getOrDefault(t.id, List.of()),
                    search,
                    t.url != null && !t.url.isBlank() ? t.url : search));
        });
        return out;
    }
}
