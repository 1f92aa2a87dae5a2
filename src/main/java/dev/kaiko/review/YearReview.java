package dev.kaiko.review;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON contract of {@code GET /api/years/{year}/review}: a year's figures, computed from search-engine
 * aggregations, plus the few highlight topics loaded from the database. Shares are per cent of the year's topics.
 */
public record YearReview(
        int year,
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

    public record Totals(long issues, long topics, long presenters, long technologies) {}

    public record TechnologyCount(String name, long topics) {}

    /**
     * A technology this year against the previous one. {@code trend}: "up"/"down"/"same" by share of topics,
     * "new" when no earlier year mentions it, "back" when the previous year did not but an earlier one did, "gone" when
     * this year does not.
     */
    public record TechnologyTrend(
            String name,
            long topics,
            double share,
            @JsonProperty("previous_topics") long previousTopics,
            @JsonProperty("previous_share") double previousShare,
            @JsonProperty("share_change") double shareChange,
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

        /** How the weekly itself cites an issue: "Neco Weekly 2023-03-17号". */
        public String citation() {
            return series + " " + date + "号";
        }
    }

    /**
     * The highlight topic of one top technology: the topic of the year most cited by later issues, or failing that
     * the longest. {@code reason}: "referenced" or "longest"; {@code link}: the topic's own URL, else its search.
     */
    public record Highlight(
            String technology,
            String reason,
            HighlightTopic topic,
            @JsonProperty("referenced_by") List<IssueRef> referencedBy,
            @JsonProperty("search_url") String searchUrl,
            String link) {}

    public record HighlightTopic(
            long id, String title, String excerpt, String url, String presenter, List<String> tags, IssueRef issue) {}

    static LocalDate toLocalDate(Object sqlDate) {
        return sqlDate instanceof LocalDate d ? d : ((Date) sqlDate).toLocalDate();
    }
}
