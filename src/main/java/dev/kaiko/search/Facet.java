package dev.kaiko.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facets of a search, each defined once here: everything else (the request, its parameters, the engine's
 * filters and counts, the search page, the query log) is derived from this list, so a facet is added by adding a
 * constant (and its index field, and its label in {@code messages/msg*.properties}: {@code facet_name_<CONSTANT>}).
 *
 * <p>A selection is a terms filter on the facet's field: values of one facet OR-ed, different facets AND-ed.
 */
public enum Facet {
    YEAR("year", "year", 100, Values.YEAR, true, "Year filter, repeatable"),
    TAG("tag", "tags", 30, Values.TEXT, true, "Technology filter (canonical name), repeatable"),
    LABEL(
            "label",
            "labels",
            30,
            Values.TEXT,
            true,
            "Label filter (an archive tag the taxonomy does not know), repeatable"),
    PRESENTER("presenter", "presenter", 30, Values.TEXT, true, "Presenter filter, repeatable"),
    SERIES("series", "issue.series", 30, Values.TEXT, true, "Series filter (e.g. Neco Weekly), repeatable"),
    SECTION("section", "section", 20, Values.TEXT, false, "Section filter, repeatable"),
    /** A filter only: no counts (an issue's topics are listed on its page). */
    ISSUE("issue", "issue.id", 0, Values.ID, false, "Issue id filter, repeatable"),
    /** The domain of the topic's link (its url's host without a leading www., see LinkKey.site). */
    SITE(
            "site",
            "site",
            30,
            Values.TEXT,
            true,
            "Site filter: the domain of the topic's link (e.g. github.com), repeatable");

    private final String param;
    private final String field;
    private final int size;
    private final Values values;
    private final boolean onPage;
    private final String description;

    Facet(String param, String field, int size, Values values, boolean onPage, String description) {
        this.param = param;
        this.field = field;
        this.size = size;
        this.values = values;
        this.onPage = onPage;
        this.description = description;
    }

    /** Its query parameter (repeatable) and its key in the answer's {@code facets}. */
    public String param() {
        return param;
    }

    /** The keyword (or numeric) field of the topic document it filters and counts. */
    String field() {
        return field;
    }

    /** How many values are counted (the most frequent); 0 for a filter without counts. */
    int size() {
        return size;
    }

    boolean counted() {
        return size > 0;
    }

    /** Whether the search page shows its values and honours its parameter. */
    public boolean onPage() {
        return onPage;
    }

    /** What its parameter does (the API documentation). */
    public String description() {
        return description;
    }

    /** The facets the search page shows, in order. */
    public static List<Facet> ofPage() {
        return Arrays.stream(values()).filter(Facet::onPage).toList();
    }

    /** The facet whose parameter is {@code param}. */
    public static Optional<Facet> ofParam(String param) {
        return Arrays.stream(values()).filter(f -> f.param.equals(param)).findFirst();
    }

    /** Each facet's raw values among query parameters (by name), not yet validated; facets not given are left out. */
    public static Map<Facet, List<String>> selections(Map<String, ? extends List<String>> parameters) {
        Map<Facet, List<String>> out = new EnumMap<>(Facet.class);
        for (Facet f : values()) {
            List<String> raw = parameters.get(f.param);
            if (raw != null && !raw.isEmpty()) {
                out.put(f, raw);
            }
        }
        return out;
    }

    /** The selected values as searched (stripped, numbers in canonical form); throws naming the parameter. */
    List<String> parse(List<String> raw) {
        List<String> given = new ArrayList<>();
        if (raw != null) {
            raw.stream()
                    .filter(v -> v != null && !v.isBlank())
                    .map(String::strip)
                    .forEach(given::add);
        }
        return values.parse(param, given);
    }

    /** How the values of a facet are validated. */
    private enum Values {
        TEXT {
            @Override
            List<String> parse(String param, List<String> given) {
                if (given.size() > 50) {
                    throw new InvalidSearchParameter(param, "is repeated more than 50 times");
                }
                for (String v : given) {
                    if (v.length() > 200) {
                        throw new InvalidSearchParameter(param, "value is longer than 200 characters");
                    }
                }
                return given;
            }
        },
        YEAR {
            @Override
            List<String> parse(String param, List<String> given) {
                return given.stream()
                        .map(v -> String.valueOf(SearchRequest.parseInt(param, v, 1900, 2999)))
                        .toList();
            }
        },
        ID {
            @Override
            List<String> parse(String param, List<String> given) {
                return given.stream()
                        .map(v -> String.valueOf(SearchRequest.parseInt(param, v, 1, Integer.MAX_VALUE)))
                        .toList();
            }
        };

        abstract List<String> parse(String param, List<String> given);
    }
}
