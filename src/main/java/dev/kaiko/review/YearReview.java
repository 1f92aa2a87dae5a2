package dev.kaiko.review;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.archive.WebLinks;

/**
 * The JSON contract of {@code GET /api/years/{year}/review}: a year's figures, computed from search-engine
 * aggregations, plus the few highlight topics loaded from the database. Shares are per cent of the year's topics.
 * Every figure is of one scope, {@code series} (the selected series; empty: the whole archive). Year-over-year
 * figures (new, disappeared, rising, falling, previous counts, trends) are given only when {@code comparison} says
 * the year before is comparable; otherwise they are empty or null.
 */
public record YearReview(
        int year,
        List<String> series,
        @JsonProperty("series_available") List<SeriesCount> seriesAvailable,
        Comparison comparison,
        @JsonProperty("previous_year") Integer previousYear,
        @JsonProperty("next_year") Integer nextYear,
        Totals totals,
        @JsonProperty("top_technologies") List<TechnologyTrend> topTechnologies,
        @JsonProperty("new_this_year") List<TechnologyCount> newThisYear,
        List<TechnologyTrend> disappeared,
        List<TechnologyTrend> rising,
        List<TechnologyTrend> falling,
        @JsonProperty("topics_per_month") List<MonthCount> topicsPerMonth,
        List<PresenterCount> presenters,
        List<Highlight> highlights,
        List<IssueRef> issues,
        @JsonProperty("computed_ms") long computedMs) {

    /** A series with topics that year, for the scope switch. */
    public record SeriesCount(String name, long topics) {}

    /**
     * Whether the year before ({@code previous_year}, always {@code year - 1}) is covered comparably in the same
     * scope: it must have at least half as many issues as this year. {@code reason} says why, in words.
     */
    public record Comparison(
            @JsonProperty("previous_year") int previousYear,
            @JsonProperty("previous_issues") long previousIssues,
            long issues,
            boolean comparable,
            String reason) {}

    public record Totals(long issues, long topics, long presenters, long technologies) {}

    public record TechnologyCount(String name, long topics) {}

    /**
     * A technology this year against the previous one. {@code trend}: "up"/"down"/"same" by share of topics,
     * "new" when no earlier year of the scope mentions it, "back" when the previous year did not but an earlier one
     * did, "gone" when this year does not. Without a comparable previous year the previous figures and the trend
     * are null.
     */
    public record TechnologyTrend(
            String name,
            long topics,
            double share,
            @JsonProperty("previous_topics") Long previousTopics,
            @JsonProperty("previous_share") Double previousShare,
            @JsonProperty("share_change") Double shareChange,
            String trend) {}

    public record MonthCount(int month, long topics) {}

    public record PresenterCount(
            String name,
            long topics,
            @JsonProperty("favourite_technologies") List<TechnologyCount> favouriteTechnologies) {}

    /** An issue; {@code topics} is its number of topics where that is known (null for citing issues). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IssueRef(
            long id, String series, Integer number, String title, LocalDate date, String url, Long topics) {

        /** An issue read from a native query's row: id, series, number, title, published, url from {@code at} on. */
        static IssueRef fromRow(Object[] r, int at) {
            return new IssueRef(
                    ((Number) r[at]).longValue(),
                    (String) r[at + 1],
                    r[at + 2] == null ? null : ((Number) r[at + 2]).intValue(),
                    (String) r[at + 3],
                    toLocalDate(r[at + 4]),
                    WebLinks.httpUrl((String) r[at + 5]),
                    null);
        }

        /** How the weekly itself cites an issue: "Neco Weekly 2023-03-17号". */
        public String citation() {
            return series + " " + date + "号";
        }
    }

    /**
     * A highlight: an admin's pick (reason "pick", with its optional {@code note}), or the highlight topic of one top
     * technology: the topic of the year most cited by later issues ("referenced"), or failing that the longest
     * ("longest"). {@code link}: the topic's own URL, else its search (else its page). {@code back_reference}: the
     * issues the topic came from (its own, then the later ones that looked back at it) in the weekly's own shape,
     * "(Neco Weekly 2023-03-17号、Neco Weekly 2023-09-22号)".
     */
    public record Highlight(
            String technology,
            String reason,
            String note,
            HighlightTopic topic,
            @JsonProperty("referenced_by") List<IssueRef> referencedBy,
            @JsonProperty("search_url") String searchUrl,
            String link,
            @JsonProperty("back_reference") String backReference) {

        public boolean pick() {
            return "pick".equals(reason);
        }
    }

    public record HighlightTopic(
            long id, String title, String excerpt, String url, String presenter, List<String> tags, IssueRef issue) {}

    static LocalDate toLocalDate(Object sqlDate) {
        return sqlDate instanceof LocalDate d ? d : ((Date) sqlDate).toLocalDate();
    }
}
