package dev.kaiko.web.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.search.SearchRequest;

/**
 * The query parameters of {@code GET /api/search}, declared once for every endpoint that takes a search (the search
 * itself and the admin view of the engine request behind it); {@link SearchRequest#of} validates them.
 */
public class SearchParameters {

    @Parameter(description = "Free text; empty lists everything (newest first)")
    @RestQuery
    String q;

    @Parameter(description = "Year filter, repeatable")
    @RestQuery
    List<String> year;

    @Parameter(description = "Technology filter (canonical name), repeatable")
    @RestQuery
    List<String> tag;

    @Parameter(description = "Label filter (an archive tag the taxonomy does not know), repeatable")
    @RestQuery
    List<String> label;

    @Parameter(description = "Presenter filter, repeatable")
    @RestQuery
    List<String> presenter;

    @Parameter(description = "Series filter (e.g. Neco Weekly), repeatable")
    @RestQuery
    List<String> series;

    @Parameter(description = "Section filter, repeatable")
    @RestQuery
    List<String> section;

    @Parameter(description = "Issue id filter, repeatable")
    @RestQuery
    List<String> issue;

    @Parameter(description = "Earliest issue date, YYYY-MM-DD")
    @RestQuery
    String from;

    @Parameter(description = "Latest issue date, YYYY-MM-DD")
    @RestQuery
    String to;

    @Parameter(description = "relevance (default with q) | newest (default without) | oldest")
    @RestQuery
    String sort;

    @Parameter(description = "0-based page")
    @RestQuery
    String page;

    @Parameter(description = "Hits per page, 1-100, default 20")
    @RestQuery
    String size;

    SearchRequest toRequest() {
        return SearchRequest.of(q, year, tag, label, presenter, series, section, issue, from, to, sort, page, size);
    }
}
