package dev.kaiko.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.kaiko.archive.ArchiveChanged;
import dev.kaiko.archive.WebLinks;
import dev.kaiko.model.Topic;
import dev.kaiko.review.ReviewCounts.Figures;
import dev.kaiko.review.YearReview.Comparison;
import dev.kaiko.review.YearReview.Highlight;
import dev.kaiko.review.YearReview.HighlightTopic;
import dev.kaiko.review.YearReview.IssueRef;
import dev.kaiko.review.YearReview.MonthCount;
import dev.kaiko.review.YearReview.PresenterCount;
import dev.kaiko.review.YearReview.SeriesCount;
import dev.kaiko.review.YearReview.TechnologyCount;
import dev.kaiko.review.YearReview.TechnologyTrend;
import dev.kaiko.review.YearReview.Totals;
import dev.kaiko.search.InvalidSearchParameter;
import dev.kaiko.tagging.TopicTagsChanged;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A generated retrospective of one year of the archive, for one scope (a selection of series; none selected: the
 * whole archive, which is the one series when the archive holds one). Figures come from the counters the database
 * keeps as the archive changes ({@link ReviewCounts}), so a review costs the same at any archive size and needs no
 * search engine; the handful of highlight topics are read from the database too. Reviews are cached per year
 * and scope until the archive, its tags or the picks change.
 *
 * <p>Only technologies count: a tag is a technology when the taxonomy knows it; other tags are labels and never
 * appear among the review's technologies or trends.
 *
 * <p>Year-over-year statements are made only against a <em>comparable</em> previous year: {@code year - 1} of the
 * same scope with at least half as many issues as this year ({@link #comparable}). Then a technology is <em>new
 * this year</em> when no earlier year of the scope mentions it; <em>disappeared</em> when the previous year mentions
 * it and this year does not (the previous year's 20 most mentioned such). <em>Rising</em> and <em>falling</em>
 * compare the share of the year's topics (not raw counts, so a busier year does not lift everything) with the
 * previous year's, leaving out the new and disappeared ones, which have lists of their own. Without a comparable
 * previous year all of these are empty and the review shows this year's figures only.
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
    ReviewCounts counts;

    @Inject
    Citations citations;

    @Inject
    ReviewCache cache;

    @Inject
    EntityManager em;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    private record Key(int year, List<String> series) {}

    /** The years of the archive, oldest first. */
    public List<YearCount> years() {
        return cache.get(
                "years",
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> List.copyOf(counts.years(List.of()).values())));
    }

    /** The year's review of the whole archive (or of its one series), or empty when it has no topic that year. */
    public Optional<YearReview> review(int year) {
        return review(year, List.of());
    }

    /**
     * The year's review of the given series (empty: all; the one series when the archive holds one), or empty when
     * the scope has no topic that year.
     *
     * @throws InvalidSearchParameter ({@code series}) when a series is not in the archive
     */
    public Optional<YearReview> review(int year, List<String> series) {
        List<String> scope = scope(series);
        return Optional.ofNullable(cache.get(
                new Key(year, scope), () -> QuarkusTransaction.requiringNew().call(() -> compute(year, scope))));
    }

    /** The series of the archive, by name. */
    public List<String> series() {
        return cache.get(
                "series",
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    @SuppressWarnings("unchecked")
                    // per series, the first issue with a topic suffices (was: every issue probed, 2.5 ms at 100k)
                    List<String> names = em.createNativeQuery("""
                                    select s.series from (select distinct series from issue) s
                                    where exists (select 1 from issue i where i.series = s.series
                                                  and exists (select 1 from topic t where t.issue_id = i.id))
                                    order by 1""").getResultList();
                    return List.copyOf(names);
                }));
    }

    private List<String> scope(List<String> requested) {
        Set<String> wanted = new TreeSet<>();
        if (requested != null) {
            requested.stream()
                    .filter(s -> s != null && !s.isBlank())
                    .map(String::strip)
                    .forEach(wanted::add);
        }
        List<String> known = series();
        for (String s : wanted) {
            if (!known.contains(s)) {
                throw new InvalidSearchParameter(
                        "series", "the archive has no series '" + s + "' (it has: " + String.join(", ", known) + ")");
            }
        }
        if (wanted.isEmpty() && known.size() == 1) {
            return known;
        }
        return List.copyOf(wanted);
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

    /**
     * The rule for year-over-year statements: the previous year of the scope has at least half as many issues as
     * the year under review.
     */
    static Comparison comparable(int year, long issues, long previousIssues) {
        int previous = year - 1;
        boolean comparable = previousIssues > 0 && 2 * previousIssues >= issues;
        String reason = previousIssues == 0
                ? previous + " has no issue"
                : previous + " has " + issuesText(previousIssues) + ", " + (comparable ? "at least" : "fewer than")
                        + " half of " + year + "'s " + issues;
        return new Comparison(previous, previousIssues, issues, comparable, reason);
    }

    private static String issuesText(long n) {
        return n + (n == 1 ? " issue" : " issues");
    }

    private YearReview compute(int year, List<String> scope) {
        long start = System.nanoTime();
        Figures f = counts.figures(year, scope);
        if (f.topics() == 0) {
            return null;
        }
        List<SeriesCount> seriesOfYear = counts.seriesOf(year).stream()
                .map(r -> new SeriesCount((String) r[0], ((Number) r[1]).longValue()))
                .toList();
        List<Object[]> issueRows = issueRows(year);
        Map<Long, String> picked = picks(year, scope);
        List<Integer> years = List.copyOf(f.years().keySet());
        Integer previousYear =
                years.stream().filter(y -> y < year).max(Integer::compare).orElse(null);
        Integer nextYear =
                years.stream().filter(y -> y > year).min(Integer::compare).orElse(null);
        YearCount before = f.years().get(year - 1);
        Comparison comparison = comparable(year, f.issueTopics().size(), before == null ? 0 : before.issues());
        boolean compare = comparison.comparable();

        List<TechnologyTrend> top = f.tags().keySet().stream()
                .limit(TOP_TECHNOLOGIES)
                .map(t -> trend(t, f, compare))
                .toList();
        List<TechnologyCount> newThisYear = !compare
                ? List.of()
                : f.tags().entrySet().stream()
                        .filter(e -> f.tagYears().containsKey(e.getKey())
                                && f.tagYears().get(e.getKey())[0] == year)
                        .map(e -> new TechnologyCount(e.getKey(), e.getValue()))
                        .toList();
        Set<String> isNew = new HashSet<>();
        newThisYear.forEach(t -> isNew.add(t.name()));
        List<TechnologyTrend> disappeared = !compare
                ? List.of()
                : f.previousTags().keySet().stream()
                        .filter(t -> !f.tags().containsKey(t))
                        .limit(DISAPPEARED)
                        .map(t -> trend(t, f, true))
                        .toList();
        List<TechnologyTrend> rising = List.of();
        List<TechnologyTrend> falling = List.of();
        if (compare) {
            Set<String> compared = new LinkedHashSet<>(f.tags().keySet());
            compared.addAll(f.previousTags().keySet());
            List<TechnologyTrend> changes = compared.stream()
                    .filter(t -> !isNew.contains(t) && f.tags().containsKey(t))
                    .map(t -> trend(t, f, true))
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
        List<IssueRef> issues = issues(issueRows, f.issueTopics());
        List<Highlight> highlights = highlights(year, scope, picked, top);
        // last: the favourites' query ran meanwhile
        List<PresenterCount> presenters = ReviewCounts.presenters(f).stream()
                .map(p -> new PresenterCount(p.name(), p.topics(), p.tags()))
                .toList();
        Totals totals = new Totals(
                f.issueTopics().size(), f.topics(), presenters.size(), f.tags().size());
        return new YearReview(
                year,
                scope,
                seriesOfYear,
                comparison,
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

    private static TechnologyTrend trend(String tag, Figures f, boolean compare) {
        long now = f.tags().getOrDefault(tag, 0L);
        double share = share(now, f.topics());
        if (!compare) {
            return new TechnologyTrend(tag, now, round(share), null, null, null, null);
        }
        long before = f.previousTags().getOrDefault(tag, 0L);
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

    private List<Object[]> issueRows(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, series, number, title, published, url from issue
                where published >= ?1 and published < ?2 order by published, id""")
                .setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, LocalDate.of(year + 1, 1, 1))
                .getResultList();
        return rows;
    }

    private static List<IssueRef> issues(List<Object[]> rows, Map<Long, Long> topics) {
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
                        WebLinks.httpUrl((String) r[5]),
                        topics.get(id)));
            }
        }
        return out;
    }

    /**
     * The admin's picks of the year (those of the scope), in their order; then, while fewer than {@link #HIGHLIGHTS},
     * for each of the first top technologies: its topic of the year cited by the most later issues, else its
     * longest; a topic is highlighted once. The candidates of all technologies come from one query.
     */
    private List<Highlight> highlights(
            int year, List<String> scope, Map<Long, String> picked, List<TechnologyTrend> top) {
        List<Highlight> out = new ArrayList<>();
        Set<Long> chosen = new HashSet<>();
        Map<Long, List<IssueRef>> pickCiting = citations.citingIssues(picked.keySet());
        Map<Long, Source> pickedTopics = topics(picked.keySet());
        picked.forEach((id, note) -> {
            Source t = pickedTopics.get(id);
            String technology = t.tags().stream()
                    .filter(n -> taxonomies.taxonomy().find(n).isPresent())
                    .findFirst()
                    .orElse(null);
            String search = technology == null ? null : searchUrl(year, technology);
            String link =
                    t.url() != null && !t.url().isBlank() ? t.url() : search != null ? search : "/topics/" + t.id();
            chosen.add(id);
            out.add(highlight(t, technology, "pick", note, pickCiting.getOrDefault(id, List.of()), search, link));
        });
        List<String> tags = top.stream()
                .limit(Math.max(0, HIGHLIGHTS - out.size()))
                .map(TechnologyTrend::name)
                .toList();
        if (tags.isEmpty()) {
            return out;
        }
        String inScope = scope.isEmpty() ? "" : " and r.series in (?4)";
        // review_tag_topic (migration V31) holds each effective tag of a topic with its year, series and body length.
        // The first HIGHLIGHTS * 2 + 1 of a technology by (citations, length) are among its cited topics and its
        // longest ones that many: those few rows are read, not every topic of the year. Ties go by the topic's stable
        // key (issue and normalised title), not its id, so the review does not depend on the order of imports
        var query = em.createNativeQuery("""
                with wanted as (
                    select unnest(string_to_array(?2, chr(31))) as name
                ),
                longest as (
                    select l.name, l.topic_id, l.length from wanted w cross join lateral (
                        select r.name, r.topic_id, r.length from review_tag_topic r join topic t on t.id = r.topic_id
                        where r.year = ?1 and r.name = w.name""" + inScope + """

                        order by r.length desc, t.topic_key limit ?3) l
                ),
                cited as (
                    select r.name, r.topic_id, r.length, count(distinct ref.citing_issue_id) as n
                    from topic_reference ref join review_tag_topic r on r.topic_id = ref.cited_topic_id
                    where ref.cited_year = ?1 and r.year = ?1 and r.name in (select name from wanted)""" + inScope + """

                    group by 1, 2, 3
                ),
                candidate as (
                    select name, topic_id, length, n from cited
                    union all
                    select name, topic_id, length, 0 from longest l
                    where not exists (select 1 from cited c where c.name = l.name and c.topic_id = l.topic_id)
                )
                select name, topic_id, n from (
                    select c.name, c.topic_id, c.n,
                           row_number() over (partition by c.name order by c.n desc, c.length desc, t.topic_key) as rank
                    from candidate c join topic t on t.id = c.topic_id) ranked
                where rank <= ?3 order by name, rank""")
                .setParameter(1, year)
                .setParameter(2, String.join("\u001f", tags))
                .setParameter(3, HIGHLIGHTS * 2 + 1);
        if (!scope.isEmpty()) {
            query.setParameter(4, scope);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<String, List<Object[]>> candidates = new java.util.HashMap<>();
        rows.forEach(r -> candidates
                .computeIfAbsent((String) r[0], k -> new ArrayList<>())
                .add(r));
        Map<String, Object[]> automatic = new java.util.LinkedHashMap<>();
        for (String tag : tags) {
            candidates.getOrDefault(tag, List.of()).stream()
                    .filter(r -> !chosen.contains(((Number) r[1]).longValue()))
                    .findFirst()
                    .ifPresent(r -> {
                        chosen.add(((Number) r[1]).longValue());
                        automatic.put(tag, r);
                    });
        }
        List<Long> automaticIds = automatic.values().stream()
                .map(r -> ((Number) r[1]).longValue())
                .toList();
        Map<Long, List<IssueRef>> citing = citations.citingIssues(automaticIds);
        Map<Long, Source> automaticTopics = topics(automaticIds);
        automatic.forEach((tag, r) -> {
            Source t = automaticTopics.get(((Number) r[1]).longValue());
            String search = searchUrl(year, tag);
            out.add(highlight(
                    t,
                    tag,
                    ((Number) r[2]).longValue() > 0 ? "referenced" : "longest",
                    null,
                    citing.getOrDefault(t.id(), List.of()),
                    search,
                    t.url() != null && !t.url().isBlank() ? t.url() : search));
        });
        return out;
    }

    /** What a highlight shows of a topic: its fields, its effective tags (as Topic orders them) and its issue. */
    private record Source(
            long id, String title, String body, String url, String presenter, Set<String> tags, IssueRef issue) {}

    /**
     * The highlighted topics with their issues and effective tags, in one SQL query: loaded as entities one by one,
     * each topic, its issue and its tags were three round trips, and as one HQL query with an id list Hibernate
     * translated the query anew on every call (a third of a cold review's computing time).
     */
    private Map<Long, Source> topics(Collection<Long> ids) {
        Map<Long, Source> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.title, t.body, t.url, t.presenter, i.id as issue_id, i.series, i.number,
                       i.title as issue_title, i.published, i.url as issue_url,
                       array_to_string(array(select e.name from topic_effective_tag e where e.topic_id = t.id), chr(31))
                from topic t join issue i on i.id = t.issue_id
                where t.id = any(string_to_array(?1, ',')::bigint[])""")
                .setParameter(1, ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
        for (Object[] r : rows) {
            // the order and case folding of Topic.getEffectiveTags()
            Set<String> tags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            String names = (String) r[11];
            if (names != null && !names.isEmpty()) {
                tags.addAll(List.of(names.split("\u001f")));
            }
            IssueRef issue = IssueRef.fromRow(r, 5);
            long id = ((Number) r[0]).longValue();
            // only http(s) addresses reach the review and its exports, whatever an older import stored
            out.put(
                    id,
                    new Source(
                            id,
                            (String) r[1],
                            (String) r[2],
                            WebLinks.httpUrl((String) r[3]),
                            (String) r[4],
                            tags,
                            issue));
        }
        return out;
    }

    private static Highlight highlight(
            Source t,
            String technology,
            String reason,
            String note,
            List<IssueRef> referencedBy,
            String search,
            String link) {
        IssueRef issue = t.issue();
        HighlightTopic topic = new HighlightTopic(
                t.id(),
                t.title(),
                Topic.excerpt(t.body(), EXCERPT),
                t.url(),
                t.presenter(),
                List.copyOf(t.tags()),
                issue);
        List<IssueRef> sources = new ArrayList<>();
        sources.add(issue);
        referencedBy.stream().filter(i -> i.id() != issue.id()).forEach(sources::add);
        String backReference =
                "(" + sources.stream().map(IssueRef::citation).distinct().collect(Collectors.joining("、")) + ")";
        return new Highlight(technology, reason, note, topic, referencedBy, search, link, backReference);
    }

    /** The picks of the year whose topics are in the scope, in order: topic id to note. */
    private Map<Long, String> picks(int year, List<String> scope) {
        var query = em.createNativeQuery("""
                select p.topic_id, p.note from review_pick p join topic t on t.id = p.topic_id
                join issue i on i.id = t.issue_id
                where i.published >= ?1 and i.published < ?2""" + (scope.isEmpty() ? "" : " and i.series in (?3)") + """

                order by p.position, p.topic_id""")
                .setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, LocalDate.of(year + 1, 1, 1));
        if (!scope.isEmpty()) {
            query.setParameter(3, scope);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, String> out = new java.util.LinkedHashMap<>();
        rows.forEach(r -> out.put(((Number) r[0]).longValue(), (String) r[1]));
        return out;
    }
}
