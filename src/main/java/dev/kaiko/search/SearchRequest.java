package dev.kaiko.search;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A validated search: free text plus facet selections (values of one facet OR-ed, facets AND-ed, see {@link Facet}),
 * an issue date range, a sort and a page. Build it with {@link #of}, which rejects absurd values naming the parameter.
 *
 * @param selections the selected values of each facet that has any (facets without a selection are absent)
 */
public record SearchRequest(
        String q, Map<Facet, List<String>> selections, LocalDate from, LocalDate to, Sort sort, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_QUERY_LENGTH = 500;
    public static final int MAX_PAGE = 1000;
    /** The engine's default index.max_result_window: deeper pages are refused up front, not by the engine. */
    public static final int MAX_RESULT_WINDOW = 10_000;

    public enum Sort {
        RELEVANCE,
        NEWEST,
        OLDEST
    }

    public SearchRequest {
        q = q == null ? "" : q.strip();
        EnumMap<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        if (selections != null) {
            selections.forEach((facet, values) -> {
                if (values != null && !values.isEmpty()) {
                    copy.put(facet, List.copyOf(values));
                }
            });
        }
        selections = Collections.unmodifiableMap(copy);
    }

    /** The selected values of {@code facet} (empty when none). */
    public List<String> selected(Facet facet) {
        return selections.getOrDefault(facet, List.of());
    }

    /** Whether any facet has a selection. */
    public boolean hasSelections() {
        return !selections.isEmpty();
    }

    /** The same request with other text (did-you-mean checks its respelling with every filter kept). */
    SearchRequest withQ(String other) {
        return new SearchRequest(other, selections, from, to, sort, page, size);
    }

    /** The same request for another page (relaxation counts candidates with one-hit pages). */
    SearchRequest withPage(int otherPage, int otherSize) {
        return new SearchRequest(q, selections, from, to, sort, otherPage, otherSize);
    }

    /**
     * Parses raw query parameters ({@code facets}: each facet's raw values, see {@link Facet#selections}); throws
     * {@link InvalidSearchParameter} naming the first bad one.
     */
    public static SearchRequest of(
            String q, Map<Facet, List<String>> facets, String from, String to, String sort, String page, String size) {
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw new InvalidSearchParameter("q", "is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (q != null && q.chars().filter(c -> c == '"').count() % 2 == 1) {
            throw new InvalidSearchParameter("q", "has an unbalanced quote (\")");
        }
        Map<Facet, List<String>> selections = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            selections.put(facet, facet.parse(facets == null ? null : facets.get(facet)));
        }
        Sort s;
        if (sort == null || sort.isBlank()) {
            s = q == null || q.isBlank() ? Sort.NEWEST : Sort.RELEVANCE;
        } else {
            try {
                s = Sort.valueOf(sort.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSearchParameter("sort", "must be relevance, newest or oldest");
            }
        }
        int p = page == null || page.isBlank() ? 0 : parseInt("page", page, 0, MAX_PAGE);
        int z = size == null || size.isBlank() ? 20 : parseInt("size", size, 1, MAX_SIZE);
        if ((long) (p + 1) * z > MAX_RESULT_WINDOW) {
            throw new InvalidSearchParameter("page", "goes beyond the first " + MAX_RESULT_WINDOW + " results");
        }
        LocalDate f = parseDate("from", from);
        LocalDate t = parseDate("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw new InvalidSearchParameter("from", "is after 'to'");
        }
        return new SearchRequest(q, selections, f, t, s, p, z);
    }

    /** {@link #of} from query parameters by name (one value each but for the facets' repeatable ones). */
    public static SearchRequest of(Map<String, ? extends List<String>> parameters) {
        return of(
                first(parameters, "q"),
                Facet.selections(parameters),
                first(parameters, "from"),
                first(parameters, "to"),
                first(parameters, "sort"),
                first(parameters, "page"),
                first(parameters, "size"));
    }

    private static String first(Map<String, ? extends List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static int parseInt(String name, String raw, int min, int max) {
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < min || v > max) {
                throw new InvalidSearchParameter(name, "must be between " + min + " and " + max + ", was " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidSearchParameter(name, "must be a whole number, was '" + abbreviate(raw) + "'");
        }
    }

    private static LocalDate parseDate(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidSearchParameter(name, "must be a date like 2023-12-22, was '" + abbreviate(raw) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
