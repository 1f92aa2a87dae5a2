package dev.kaiko.search;

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

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.model.Issue;
import dev.kaiko.search.TopicCatalog.IssueSummary;

/**
 * The archive's series (Neco Weekly, This Week in Rust, JSer.info…) as a browsing dimension: each with its issue and
 * topic counts and its first and last issue date ({@code GET /api/series}), and one series' issues by year (its
 * page). Reads the database, the truth; the search facet {@code series} counts the same issues' topics in the index.
 */
@ApplicationScoped
public class SeriesCatalog {

    @Inject
    EntityManager em;

    public record Series(
            String name,
            long issues,
            long topics,
            @JsonProperty("first_date") LocalDate firstDate,
            @JsonProperty("last_date") LocalDate lastDate) {}

    /** One year of a series: its issues, newest first. */
    public record Year(int year, List<IssueSummary> issues) {}

    public record SeriesDetail(Series series, List<Year> years) {}

    /** Every series, by name. */
    @Transactional
    public List<Series> all() {
        return em.createQuery(
                        "select i.series, count(distinct i.id), count(t.id), min(i.published), max(i.published)"
                                + " from Issue i left join Topic t on t.issue = i group by i.series order by i.series",
                        Object[].class)
                .getResultStream()
                .map(SeriesCatalog::series)
                .toList();
    }

    /** One series with its issues grouped by year, newest year first; empty when no issue has that series. */
    @Transactional
    public Optional<SeriesDetail> one(String name) {
        List<Object[]> rows = em.createQuery(
                        "select i, (select count(t) from Topic t where t.issue = i) from Issue i"
                                + " where i.series = :series order by i.published desc, i.id desc",
                        Object[].class)
                .setParameter("series", name)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, List<IssueSummary>> byYear = new LinkedHashMap<>();
        long topics = 0;
        for (Object[] r : rows) {
            Issue i = (Issue) r[0];
            long count = ((Number) r[1]).longValue();
            topics += count;
            byYear.computeIfAbsent(i.published.getYear(), y -> new ArrayList<>())
                    .add(new IssueSummary(i.id, i.series, i.number, i.title, i.published, i.url, count));
        }
        LocalDate last = ((Issue) rows.get(0)[0]).published;
        LocalDate first = ((Issue) rows.get(rows.size() - 1)[0]).published;
        List<Year> years = byYear.entrySet().stream()
                .map(e -> new Year(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        return Optional.of(new SeriesDetail(new Series(name, rows.size(), topics, first, last), years));
    }

    private static Series series(Object[] r) {
        return new Series(
                (String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), (LocalDate) r[3], (LocalDate)
                        r[4]);
    }
}
