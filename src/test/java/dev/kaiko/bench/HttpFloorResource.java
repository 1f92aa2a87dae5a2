package dev.kaiko.bench;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kaiko.search.SearchAnswer;
import dev.kaiko.search.SearchRequest;
import dev.kaiko.search.TopicSearch;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Test application only: the cheapest answers Kaiko's HTTP stack can give (security, metrics and headers included),
 * for {@link SearchBenchmark}'s floor rows: what a request costs before any search work, on the event loop and with
 * the hop to a worker thread every blocking endpoint makes; and what answering with a search's result costs without
 * the search, as bytes written once and as the result object Jackson writes on every request.
 */
@Path("/bench/floor")
@Produces(MediaType.APPLICATION_JSON)
public class HttpFloorResource {

    public record Answer(String name, int took) {}

    @Inject
    TopicSearch search;

    @Inject
    ObjectMapper mapper;

    private volatile SearchAnswer result;
    private volatile byte[] json;

    @GET
    @Path("event-loop")
    @NonBlocking
    public Answer eventLoop() {
        return new Answer("floor", 0);
    }

    @GET
    @Path("worker")
    @Blocking
    public Answer worker() {
        return new Answer("floor", 0);
    }

    /** The answer of {@code q=kubernetes}, searched once, serialised by Jackson on every request. */
    @GET
    @Path("result")
    @Blocking
    public SearchAnswer result() {
        SearchAnswer r = result;
        if (r == null) {
            r = search.search(SearchRequest.of("kubernetes", null, null, null, null, null, null));
            result = r;
        }
        return r;
    }

    /** The same answer as bytes serialised once. */
    @GET
    @Path("bytes")
    @Blocking
    public byte[] bytes() throws JsonProcessingException {
        byte[] b = json;
        if (b == null) {
            b = mapper.writeValueAsBytes(result());
            json = b;
        }
        return b;
    }
}
