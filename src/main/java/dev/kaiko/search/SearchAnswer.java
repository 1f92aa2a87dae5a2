package dev.kaiko.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON contract of GET /api/search (see DESIGN.md); extend, never break. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchAnswer(
        long total,
        int page,
        int size,
        @JsonProperty("took_ms") long tookMs,
        List<Hit> hits,
        Map<String, List<FacetValue>> facets,
        @JsonProperty("did_you_mean") String didYouMean,
        Relaxed relaxed) {

    public SearchAnswer(
            long total, int page, int size, long tookMs, List<Hit> hits, Map<String, List<FacetValue>> facets) {
        this(total, page, size, tookMs, hits, facets, null, null);
    }

    /** The same result with a spelling that would find something (only given when nothing was found). */
    public SearchAnswer withDidYouMean(String spelling) {
        return new SearchAnswer(total, page, size, tookMs, hits, facets, spelling, relaxed);
    }

    /** This result answers the query without some of its words, since no topic has them all. */
    public SearchAnswer withRelaxed(Relaxed relaxation) {
        return new SearchAnswer(total, page, size, tookMs, hits, facets, didYouMean, relaxation);
    }

    /**
     * No topic has every word of the query: these are the results of {@code query}, which leaves out {@code dropped}.
     */
    public record Relaxed(List<String> dropped, String query) {
        /** For the page's notice. */
        public String droppedWords() {
            return String.join(" ", dropped);
        }
    }

    /** {@code tags} are technologies (canonical names); {@code labels} the archive's other tags. */
    public record Hit(
            long id,
            String title,
            String snippet,
            String url,
            List<String> tags,
            List<String> labels,
            String presenter,
            int year,
            LocalDate date,
            String section,
            IssueRef issue,
            Highlights highlights) {}

    /** The issue a hit is from; its number is only meaningful with its series ("Neco Weekly #47"). */
    public record IssueRef(long id, String series, Integer number, String title, LocalDate date) {}

    /** HTML: archive text escaped, matched terms wrapped in &lt;mark&gt;. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Highlights(String title, String body) {}

    public record FacetValue(String value, long count, boolean selected) {}
}
