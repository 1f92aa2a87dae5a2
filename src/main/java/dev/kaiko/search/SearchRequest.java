package dev.kaiko.search;

import java.time.LocalDate;
import java.util.List;

/**
 * A validated search: free text plus facet filters (values of one facet OR-ed, facets AND-ed).
 * Build it with {@link #of}, which rejects absurd values naming the parameter.
 */
public record SearchRequest(
        String q,
        List<Integer> years,
        List<String> tags,
        List<String> labels,
        List<String> presenters,
        List<String> series,
        List<String> sections,
        List<Long> issues,
        LocalDate from,
        LocalDate to,
        Sort sort,
        int page,
        int size) {

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
        years = List.copyOf(years);
        tags = List.copyOf(tags);
        labels = List.copyOf(labels);
        presenters = List.copyOf(presenters);
        series = List.copyOf(series);
        sections = List.copyOf(sections);
        issues = List.copyOf(issues);
    }

    /** The same request with other text (did-you-mean checks its respelling with every filter kept). */
    SearchRequest withQ(String other) {
        return new SearchRequest(
                other, years, tags, labels, presenters, series, sections, issues, from, to, sort, page, size);
    }

    /** The same request for another page (relaxation counts candidates with one-hit pages). */
    SearchRequest withPage(int otherPage, int otherSize) {
        return new SearchRequest(
                q, years, tags, labels, presenters, series, sections, issues, from, to, sort, otherPage, otherSize);
    }

    /** Parses raw query parameters; throws {@link InvalidSearchParameter} naming the first bad one. */
    public static SearchRequest of(
            String q,
            List<String> year,
            List<String> tag,
            List<String> label,
            List<String> presenter,
            List<String> series,
            List<String> section,
            List<String> issue,
            String from,
            String to,
            String sort,
            String page,
            String size) {
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw new InvalidSearchParameter("q", "is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (q != null && q.chars().filter(c -> c == '"').count() % 2 == 1) {
            throw new InvalidSearchParameter("q", "has an unbalanced quote (\")");
        }
        List<Integer> years =
                nonNull(year).stream().map(y -> parseInt("year", y, 1900, 2999)).toList();
        List<Long> issues = nonNull(issue).stream()
                .map(i -> (long) parseInt("issue", i, 1, Integer.MAX_VALUE))
                .toList();
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
        return new SearchRequest(
                q,
                years,
                clean("tag", tag),
                clean("label", label),
                clean("presenter", presenter),
                clean("series", series),
                clean("section", section),
                issues,
                f,
                t,
                s,
                p,
                z);
    }

    private static List<String> nonNull(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static List<String> clean(String name, List<String> values) {
        List<String> out = nonNull(values).stream().map(String::strip).toList();
        if (out.size() > 50) {
            throw new InvalidSearchParameter(name, "is repeated more than 50 times");
        }
        for (String v : out) {
            if (v.length() > 200) {
                throw new InvalidSearchParameter(name, "value is longer than 200 characters");
            }
        }
        return out;
    }

    private static int parseInt(String name, String raw, int min, int max) {
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
