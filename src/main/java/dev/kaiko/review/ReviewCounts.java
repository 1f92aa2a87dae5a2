package dev.kaiko.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import dev.kaiko.archive.ArchiveChanged;
import dev.kaiko.review.YearReview.TechnologyCount;
import dev.kaiko.tagging.TagKinds;
import dev.kaiko.tagging.TaxonomyInUse;
import dev.kaiko.tagging.TopicTagsChanged;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.context.api.ManagedExecutorConfig;

/**
 * The year's figures from the counters the database keeps as the archive changes (migration V31: topics per issue,
 * per presenter, per tag and per presenter and tag, each by series and year), so a review reads a few thousand rows
 * whatever the archive's size. Counts follow the rules of the rest of Kaiko: a topic's year and series are its
 * issue's, its tags its effective tags, and only technologies count: a tag is mapped to the taxonomy's technology
 * when read (a label is left out), so a taxonomy change shows at once.
 *
 * <p>Two stored names can stand for one technology (a taxonomy alias added later, or two spellings differing in
 * case). Their counters cannot simply be added (a topic carrying both would count twice), so such a technology is
 * counted from the topics themselves, exactly; the first and last years can be combined as they are.
 */
@ApplicationScoped
class ReviewCounts {

    private static final Logger LOG = Logger.getLogger(ReviewCounts.class);

    /** Favourite technologies listed per presenter. */
    private static final int FAVOURITES = 3;

    record Presenter(String name, long topics, List<TechnologyCount> tags) {}

    /** What one year and the archive around it look like. */
    record Figures(
            int year,
            Map<Integer, YearCount> years,
            Map<String, int[]> tagYears,
            long topics,
            Map<String, Long> tags,
            long previousTopics,
            Map<String, Long> previousTags,
            CompletableFuture<List<Presenter>> presenters,
            long[] months,
            Map<Long, Long> issueTopics) {}

    @Inject
    EntityManager em;

    @Inject
    TaxonomyInUse taxonomies;

    /** Runs the favourites beside the rest of a review: without the caller's transaction, which is not shareable. */
    @Inject
    @ManagedExecutorConfig(maxAsync = 4, cleared = ThreadContext.TRANSACTION)
    ManagedExecutor beside;

    /** The presenters of {@link Figures#presenters()}, once their query has finished. */
    static List<Presenter> presenters(Figures f) {
        try {
            return f.presenters().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Years with topics of the series (empty: all), with their issue and topic counts. */
    Map<Integer, YearCount> years(List<String> series) {
        return byYear(issues(series));
    }

    /** Issue and topic counts per year of the given issues. */
    private static Map<Integer, YearCount> byYear(List<IssueCount> issues) {
        Map<Integer, YearCount> years = new TreeMap<>();
        for (IssueCount i : issues) {
            YearCount y = years.get(i.year());
            years.put(
                    i.year(),
                    new YearCount(
                            i.year(), (y == null ? 0 : y.issues()) + 1, (y == null ? 0 : y.topics()) + i.topics()));
        }
        return years;
    }

    /** The series with topics that year (whatever the scope), most topics first, then by name. */
    List<Object[]> seriesOf(int year) {
        return rows(em.createNativeQuery("""
                        select i.series, sum(c.topics) from review_issue_topics c join issue i on i.id = c.issue_id
                        where i.published >= make_date(?1, 1, 1) and i.published < make_date(?1 + 1, 1, 1)
                        group by i.series having sum(c.topics) > 0 order by 2 desc, 1""").setParameter(1, year));
    }

    Figures figures(int year, List<String> series) {
        List<IssueCount> issues = issues(series);
        Map<Integer, YearCount> years = byYear(issues);
        long[] months = new long[12];
        Map<Long, Long> issueTopics = new LinkedHashMap<>();
        for (IssueCount i : issues) {
            if (i.year() == year) {
                months[i.month() - 1] += i.topics();
                issueTopics.put(i.id(), i.topics());
            }
        }
        // stored name → technology; the technologies several stored names stand for are counted exactly below
        Map<String, String> technologyOf = new HashMap<>();
        Map<String, List<String>> namesOf = new HashMap<>();
        Map<String, int[]> tagYears = new TreeMap<>();
        Map<String, Long> tags = new HashMap<>();
        Map<String, Long> previousTags = new HashMap<>();
        for (Object[] r : rows(scoped(
                "select c.name, c.year, sum(c.topics) from review_tag_topics c where %s group by 1, 2"
                        + " having sum(c.topics) > 0",
                series))) {
            String name = (String) r[0];
            Optional<String> technology = technologyOf.containsKey(name)
                    ? Optional.ofNullable(technologyOf.get(name))
                    : TagKinds.technology(taxonomies.taxonomy(), name);
            technologyOf.put(name, technology.orElse(null));
            if (technology.isEmpty()) {
                continue;
            }
            String t = technology.get();
            List<String> names = namesOf.computeIfAbsent(t, k -> new ArrayList<>());
            if (!names.contains(name)) {
                names.add(name);
            }
            int y = ((Number) r[1]).intValue();
            long n = ((Number) r[2]).longValue();
            tagYears.merge(t, new int[] {y, y}, (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            if (y == year) {
                tags.merge(t, n, Long::sum);
            } else if (y == year - 1) {
                previousTags.merge(t, n, Long::sum);
            }
        }
        Map<String, List<String>> merged = new HashMap<>();
        namesOf.forEach((t, names) -> {
            if (names.size() > 1) {
                merged.put(t, names);
            }
        });
        merged.forEach((t, names) -> {
            Map<Integer, Long> exact = exactByYear(names, series);
            tags.computeIfPresent(t, (k, v) -> exact.getOrDefault(year, 0L));
            previousTags.computeIfPresent(t, (k, v) -> exact.getOrDefault(year - 1, 0L));
        });

        YearCount now = years.get(year);
        YearCount before = years.get(year - 1);
        // the presenters' favourites are the review's longest query: it runs in a transaction of its own beside the
        // rest of the review (which at READ COMMITTED reads each statement at its own moment anyway)
        CompletableFuture<List<Presenter>> presenters = now == null || now.topics() == 0
                ? CompletableFuture.completedFuture(List.of())
                : beside.supplyAsync(() ->
                        QuarkusTransaction.requiringNew().call(() -> presenters(year, series, technologyOf, merged)));
        return new Figures(
                year,
                years,
                tagYears,
                now == null ? 0 : now.topics(),
                ordered(tags),
                before == null ? 0 : before.topics(),
                ordered(previousTags),
                presenters,
                months,
                issueTopics);
    }

    private List<Presenter> presenters(
            int year, List<String> series, Map<String, String> technologyOf, Map<String, List<String>> merged) {
        Map<String, Long> topics = new HashMap<>();
        for (Object[] r : rows(scoped(
                        "select c.presenter, sum(c.topics) from review_presenter_topics c where c.year = ?1 and %s"
                                + " group by 1 having sum(c.topics) > 0",
                        series)
                .setParameter(1, year))) {
            topics.put((String) r[0], ((Number) r[1]).longValue());
        }
        // each presenter's three most frequent technologies: the database ranks a presenter's stored names, and
        // the first three that are one technology's only name are taken; reading as many more names per presenter
        // as there are other names (labels, names of a technology with several) is always enough. (No name filter
        // in SQL: with a bound list, a prepared statement's generic plan compares every row with the whole list.)
        long others = technologyOf.entrySet().stream()
                .filter(e -> e.getValue() == null || merged.containsKey(e.getValue()))
                .count();
        Map<String, Map<String, Long>> favourites = new HashMap<>();
        for (Object[] r : rows(scoped("""
                with counted as (
                    select c.presenter, c.name, sum(c.topics) as n from review_presenter_tag_topics c
                    where c.year = ?1 and %s group by 1, 2 having sum(c.topics) > 0
                )
                select presenter, name, n from (
                    select presenter, name, n,
                           row_number() over (partition by presenter order by n desc, name collate "C") as rank
                    from counted) ranked
                where rank <= ?2 order by presenter, rank""", series).setParameter(1, year).setParameter(2, FAVOURITES + others))) {
            String technology = technologyOf.containsKey((String) r[1])
                    ? technologyOf.get((String) r[1])
                    : TagKinds.technology(taxonomies.taxonomy(), (String) r[1]).orElse(null);
            Map<String, Long> mine = favourites.computeIfAbsent((String) r[0], k -> new HashMap<>());
            if (technology != null && !merged.containsKey(technology) && mine.size() < FAVOURITES) {
                mine.put(technology, ((Number) r[2]).longValue());
            }
        }
        merged.forEach((t, stored) -> exactByPresenter(year, stored, series)
                .forEach((presenter, n) -> favourites
                        .computeIfAbsent(presenter, k -> new HashMap<>())
                        .put(t, n)));
        List<Presenter> out = new ArrayList<>();
        ordered(topics)
                .forEach((name, n) -> out.add(new Presenter(
                        name,
                        n,
                        ordered(favourites.getOrDefault(name, Map.of())).entrySet().stream()
                                .limit(FAVOURITES)
                                .map(e -> new TechnologyCount(e.getKey(), e.getValue()))
                                .toList())));
        return out;
    }

    /** Topics per year with any of {@code names} among their effective tags, each topic once. */
    private Map<Integer, Long> exactByYear(List<String> names, List<String> series) {
        Map<Integer, Long> out = new HashMap<>();
        for (Object[] r : rows(scoped("""
                select extract(year from i.published)::integer, count(distinct t.id) from topic_effective_tag e
                join topic t on t.id = e.topic_id join issue i on i.id = t.issue_id
                where e.name in (?1) and %s group by 1""", series, "i").setParameter(1, names))) {
            out.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
        }
        return out;
    }

    /** The year's topics per presenter with any of {@code names} among their effective tags, each topic once. */
    private Map<String, Long> exactByPresenter(int year, List<String> names, List<String> series) {
        Map<String, Long> out = new HashMap<>();
        for (Object[] r : rows(scoped("""
                select t.presenter, count(distinct t.id) from topic_effective_tag e
                join topic t on t.id = e.topic_id join issue i on i.id = t.issue_id
                where e.name in (?1) and t.presenter is not null and i.published >= make_date(?2, 1, 1)
                and i.published < make_date(?2 + 1, 1, 1) and %s group by 1""", series, "i").setParameter(1, names).setParameter(2, year))) {
            out.put((String) r[0], ((Number) r[1]).longValue());
        }
        return out;
    }

    private record IssueCount(long id, int year, int month, long topics) {}

    /** Every issue of the scope with topics, with its year, month and topic count. */
    private List<IssueCount> issues(List<String> series) {
        List<IssueCount> out = new ArrayList<>();
        for (Object[] r : rows(scoped("""
                select i.id, extract(year from i.published)::integer, extract(month from i.published)::integer,
                       sum(c.topics)
                from review_issue_topics c join issue i on i.id = c.issue_id where %s
                group by i.id having sum(c.topics) > 0""", series, "i"))) {
            out.add(new IssueCount(
                    ((Number) r[0]).longValue(),
                    ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(),
                    ((Number) r[3]).longValue()));
        }
        return out;
    }

    private Query scoped(String sql, List<String> series) {
        return scoped(sql, series, "c");
    }

    /** {@code sql} with its {@code %s} replaced by the scope's condition on {@code alias.series}. */
    private Query scoped(String sql, List<String> series, String alias) {
        Query q = em.createNativeQuery(sql.formatted(series.isEmpty() ? "true" : alias + ".series in (:series)"));
        if (!series.isEmpty()) {
            q.setParameter("series", series);
        }
        return q;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        return q.getResultList();
    }

    /** Most first, then by name: the order the review lists counts in. */
    private static Map<String, Long> ordered(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Set by archive writes: the scheduled job folds the counters' new rows soon after, off the writer's path. */
    private final AtomicBoolean written = new AtomicBoolean(true);

    /**
     * Folds the counters' appended rows into one per key: a review sums rows, and fewer rows are read faster.
     * Correct at any time, compacted or not; every few minutes also for writes made through another instance.
     */
    void compact() {
        written.set(false);
        try {
            QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery("select review_counts_compact()")
                            .getSingleResult());
        } catch (RuntimeException e) {
            written.set(true);
            LOG.debugf(e, "Review counters not compacted now (next time)");
        }
    }

    void onArchiveChanged(@Observes ArchiveChanged changed) {
        written.set(true);
    }

    void onTagsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TopicTagsChanged changed) {
        written.set(true);
    }

    @Scheduled(every = "2s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void compactAfterWrites() {
        if (written.get()) {
            compact();
        }
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void compactNow() {
        compact();
    }
}
