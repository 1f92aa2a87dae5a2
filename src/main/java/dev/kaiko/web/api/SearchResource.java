package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kaiko.search.QueryLog;
import dev.kaiko.search.SearchAnswer;
import dev.kaiko.search.SearchRequest;
import dev.kaiko.search.TopicSearch;

import io.smallrye.common.annotation.Blocking;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Search")
public class SearchResource {

    @Inject
    TopicSearch search;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    QueryLog queryLog;

    private volatile io.micrometer.core.instrument.Timer latency;

    /** Built once: a registry look-up and a builder per request are work the raw engine request does not do. */
    private io.micrometer.core.instrument.Timer latency() {
        io.micrometer.core.instrument.Timer timer = latency;
        if (timer == null) {
            timer = io.micrometer.core.instrument.Timer.builder("kaiko.search.latency")
                    .description("Time to answer GET /api/search")
                    .publishPercentileHistogram()
                    .register(registry);
            latency = timer;
        }
        return timer;
    }

    @GET
    @Operation(
            summary = "Full-text search over topics with disjunctive facets and highlights",
            description = "Words are AND-ed; \"quoted phrases\" match as written; OR (or |) separates alternatives; "
                    + "-word excludes. Japanese needs no spaces; technology aliases are synonyms (サイドカー finds "
                    + "Sidecar); Latin words of 5+ letters tolerate typos. Values of one facet are OR-ed, different "
                    + "facets AND-ed; a facet's counts ignore its own selection. When nothing is found but a close "
                    + "spelling would find something, did_you_mean gives it; otherwise a query of 2 to 8 words answers "
                    + "with the results of all words but one and relaxed: {dropped, query} names the word left out.")
    @APIResponse(
            responseCode = "200",
            description = "Hits, facets and highlights (HTML: text escaped, matches in <mark>)")
    @APIResponse(responseCode = "400", description = "A bad parameter: {\"error\", \"parameter\"}")
    @APIResponse(responseCode = "503", description = "The search engine is starting or down")
    public SearchAnswer search(@BeanParam SearchParameters parameters) {
        SearchRequest request = parameters.toRequest();
        // the histogram behind kaiko_search_latency_seconds (p50/p95/p99 per Prometheus query)
        SearchAnswer result = latency().record(() -> search.search(request));
        queryLog.record(request, result);
        return result;
    }
}
