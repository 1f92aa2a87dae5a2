package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.search.Facet;
import dev.kaiko.search.SearchRequest;

/**
 * The query parameters of a search, declared once for every endpoint that takes one: {@code GET /api/search}, the
 * admin view of the engine request behind it, and the search page. The facets' repeatable parameters are not
 * declared here but read by name from {@link Facet} (documented by {@link FacetParametersDocumentation});
 * {@link SearchRequest#of} validates them all.
 */
public class SearchParameters {

    @Parameter(description = "Free text; empty lists everything (newest first)")
    @RestQuery
    String q;

    @Parameter(description = "Earliest issue date, YYYY-MM-DD")
    @RestQuery
    String from;

    @Parameter(description = "Latest issue date, YYYY-MM-DD")
    @RestQuery
    String to;

    @Parameter(description = "relevance (default with q) | newest (default without) | oldest")
    @RestQuery
    String sort;

    @Parameter(description = "0-based page (1-based on the search page)")
    @RestQuery
    String page;

    @Parameter(description = "Hits per page, 1-100, default 20")
    @RestQuery
    String size;

    @Context
    UriInfo uri;

    public String q() {
        return q;
    }

    public String sort() {
        return sort;
    }

    public String page() {
        return page;
    }

    /** Each facet's raw values, as given (see {@link Facet#selections}). */
    public Map<Facet, List<String>> facets() {
        return Facet.selections(uri.getQueryParameters());
    }

    /** The search of the JSON API; throws naming the first bad parameter. */
    public SearchRequest toRequest() {
        return SearchRequest.of(q, facets(), from, to, sort, page, size);
    }
}
