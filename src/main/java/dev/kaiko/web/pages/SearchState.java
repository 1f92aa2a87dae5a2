package dev.kaiko.web.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The search page's whole state, as it lives in the URL
 * ({@code /search?q=&year=&tag=&label=&presenter=&series=&sort=&page=}),
 * with the links that change one part of it. {@code page} is 1-based here, for people; the API's is 0-based.
 */
public record SearchState(
        String q,
        List<String> years,
        List<String> tags,
        List<String> labels,
        List<String> presenters,
        List<String> series,
        String sort,
        int page) {

    /** A state without label or series filters. */
    public SearchState(
            String q, List<String> years, List<String> tags, List<String> presenters, String sort, int page) {
        this(q, years, tags, List.of(), presenters, List.of(), sort, page);
    }

    /** The search for everything of one series (its page links here). */
    public static SearchState ofSeries(String name) {
        return new SearchState("", List.of(), List.of(), List.of(), List.of(), List.of(name), "", 1);
    }

    /** One selected filter, shown as a removable chip. */
    public record Chip(String param, String value, String removeUrl) {}

    public SearchState {
        q = q == null ? "" : q.strip();
        years = clean(years);
        tags = clean(tags);
        labels = clean(labels);
        presenters = clean(presenters);
        series = clean(series);
        sort = sort == null || sort.isBlank() ? "" : sort.strip();
        page = Math.max(1, page);
    }

    private static List<String> clean(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList();
    }

    /** The sort that applies when none is given, as in the API. */
    public String effectiveSort() {
        return !sort.isEmpty() ? sort : q.isEmpty() ? "newest" : "relevance";
    }

    public int filterCount() {
        return years.size() + tags.size() + labels.size() + presenters.size() + series.size();
    }

    public List<Chip> chips() {
        List<Chip> chips = new ArrayList<>();
        for (var e : filters().entrySet()) {
            for (String v : e.getValue()) {
                chips.add(new Chip(e.getKey(), v, without(e.getKey(), v).url()));
            }
        }
        return chips;
    }

    private Map<String, List<String>> filters() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("year", years);
        filters.put("tag", tags);
        filters.put("label", labels);
        filters.put("presenter", presenters);
        filters.put("series", series);
        return filters;
    }

    public SearchState without(String param, String value) {
        return new SearchState(
                q,
                remove(years, "year", param, value),
                remove(tags, "tag", param, value),
                remove(labels, "label", param, value),
                remove(presenters, "presenter", param, value),
                remove(series, "series", param, value),
                sort,
                1);
    }

    private static List<String> remove(List<String> values, String name, String param, String value) {
        return name.equals(param)
                ? values.stream().filter(v -> !v.equals(value)).toList()
                : values;
    }

    public SearchState withQ(String newQ) {
        return new SearchState(newQ, years, tags, labels, presenters, series, sort, 1);
    }

    public String pageUrl(int n) {
        return new SearchState(q, years, tags, labels, presenters, series, sort, n).url();
    }

    public String clearFiltersUrl() {
        return new SearchState(q, List.of(), List.of(), List.of(), List.of(), List.of(), sort, 1).url();
    }

    public String withoutQueryUrl() {
        return new SearchState("", years, tags, labels, presenters, series, "", 1).url();
    }

    public String url() {
        StringJoiner query = new StringJoiner("&");
        if (!q.isEmpty()) {
            query.add("q=" + PageExtensions.encode(q));
        }
        filters().forEach((name, values) -> values.forEach(v -> query.add(name + "=" + PageExtensions.encode(v))));
        if (!sort.isEmpty()) {
            query.add("sort=" + PageExtensions.encode(sort));
        }
        if (page > 1) {
            query.add("page=" + page);
        }
        return query.length() == 0 ? "/search" : "/search?" + query;
    }
}
