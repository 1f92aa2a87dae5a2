package dev.kaiko.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.search.SearchRequest;
import dev.kaiko.search.SearchResult;
import dev.kaiko.search.TopicSearch;
import io.smallrye.common.annotation.Blocking;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SearchResource {

    @Inject
    TopicSearch search;

    /** Full-text search with disjunctive facets; see README for the parameters. */
    @GET
    public SearchResult search(@RestQuery String q, @RestQuery List<String> year, @RestQuery List<String> tag,
            @RestQuery List<String> presenter, @RestQuery List<String> section, @RestQuery List<String> issue,
            @RestQuery String from, @RestQuery String to, @RestQuery String sort, @RestQuery String page,
            @RestQuery String size) {
        return search.search(SearchRequest.of(q, year, tag, presenter, section, issue, from, to, sort, page, size));
    }
}
