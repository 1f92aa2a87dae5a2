package dev.kaiko.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON contract of GET /api/search (see DESIGN.md); extend, never break. */
public record SearchResult(long total, int page, int size, @JsonProperty("took_ms") long tookMs, List<Hit> hits,
        Map<String, List<FacetValue>> facets) {

    public record Hit(long id, String title, String snippet, String url, List<String> tags, String presenter,
            int year, LocalDate date, String section, IssueRef issue, Highlights highlights) {
    }

    public record IssueRef(long id, Integer number, String title, LocalDate date, String series) {
    }

    /** HTML: archive text escaped, matched terms wrapped in &lt;mark&gt;. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Highlights(String title, String body) {
    }

    public record FacetValue(String value, long count, boolean selected) {
    }
}
