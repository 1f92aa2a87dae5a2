package dev.kaiko.web.pages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.kaiko.search.Facet;
import dev.kaiko.web.api.SearchParameters;

/**
 * The search page's whole state, as it lives in the URL ({@code /search?q=&<facet>=…&sort=&page=}, the facets
 * being those the page shows, {@link Facet#ofPage}), with the links that change one part of it. {@code page} is
 * 1-based here, for people; the API's is 0-based.
 *
 * @param selections the selected values of each facet that has any, in {@link Facet} order
 */
public record SearchState(String q, Map<Facet, List<String>> selections, String sort, int page) {

    /** One selected filter, shown as a removable chip. */
    public record Chip(String param, String value, String removeUrl) {}

    public SearchState {
        q = q == null ? "" : q.strip();
        EnumMap<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        if (selections != null) {
            selections.forEach((facet, values) -> {
                List<String> clean = clean(values);
                if (!clean.isEmpty()) {
                    copy.put(facet, clean);
                }
            });
        }
        selections = Collections.unmodifiableMap(copy);
        sort = sort == null || sort.isBlank() ? "" : sort.strip();
        page = Math.max(1, page);
    }

    /** The state of a page's search parameters: the facets the page does not show are ignored. */
    static SearchState of(SearchParameters parameters, int page) {
        Map<Facet, List<String>> shown = new EnumMap<>(Facet.class);
        parameters.facets().forEach((facet, values) -> {
            if (facet.onPage()) {
                shown.put(facet, values);
            }
        });
        return new SearchState(parameters.q(), shown, parameters.sort(), page);
    }

    /** The search for everything with one value of a facet (a tag's, presenter's or series' page links here). */
    public static SearchState of(Facet facet, String value) {
        return new SearchState("", Map.of(facet, List.of(value)), "", 1);
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

    /** The facets whose values the page shows, in order. */
    public List<Facet> facets() {
        return Facet.ofPage();
    }

    /** The sort that applies when none is given, as in the API. */
    public String effectiveSort() {
        return !sort.isEmpty() ? sort : q.isEmpty() ? "newest" : "relevance";
    }

    public int filterCount() {
        return selections.values().stream().mapToInt(List::size).sum();
    }

    public List<Chip> chips() {
        List<Chip> chips = new ArrayList<>();
        selections.forEach((facet, values) -> {
            for (String v : values) {
                chips.add(new Chip(facet.param(), v, without(facet.param(), v).url()));
            }
        });
        return chips;
    }

    public SearchState without(String param, String value) {
        Map<Facet, List<String>> rest = new EnumMap<>(Facet.class);
        selections.forEach((facet, values) -> rest.put(
                facet,
                facet.param().equals(param)
                        ? values.stream().filter(v -> !v.equals(value)).toList()
                        : values));
        return new SearchState(q, rest, sort, 1);
    }

    public SearchState withQ(String newQ) {
        return new SearchState(newQ, selections, sort, 1);
    }

    public String pageUrl(int n) {
        return new SearchState(q, selections, sort, n).url();
    }

    public String clearFiltersUrl() {
        return new SearchState(q, Map.of(), sort, 1).url();
    }

    public String withoutQueryUrl() {
        return new SearchState("", selections, "", 1).url();
    }

    public String url() {
        StringJoiner query = new StringJoiner("&");
        if (!q.isEmpty()) {
            query.add("q=" + PageExtensions.encode(q));
        }
        selections.forEach(
                (facet, values) -> values.forEach(v -> query.add(facet.param() + "=" + PageExtensions.encode(v))));
        if (!sort.isEmpty()) {
            query.add("sort=" + PageExtensions.encode(sort));
        }
        if (page > 1) {
            query.add("page=" + page);
        }
        return query.length() == 0 ? "/search" : "/search?" + query;
    }
}
