package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.kaiko.index.IndexOutboxProcessor;
import dev.kaiko.index.ZeroDowntimeReindex;
import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.search.TopicSearch;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** Operations: rebuilding the index from the database without interrupting searches; refused index changes. */
@Path("/api/admin")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ZeroDowntimeReindex reindex;

    @Inject
    IndexOutboxProcessor outbox;

    @Inject
    TopicSearch search;

    /** Topics whose index change the engine kept refusing (see kaiko.search.outbox-retry), with its last error. */
    @GET
    @Path("/index/dead-letters")
    public List<IndexOutboxProcessor.DeadLetter> deadLetters() {
        return outbox.deadLetters();
    }

    /** Puts parked changes (all, or those of {@code ?topic=}) back into the outbox for a fresh series of tries. */
    @POST
    @Path("/index/dead-letters/retry")
    public Map<String, Integer> retryDeadLetters(@QueryParam("topic") List<Long> topics) {
        return Map.of("retried", outbox.retryDeadLetters(topics == null ? List.of() : topics));
    }

    /** Starts the rebuild as a job; follow it at GET /api/jobs/{id}. */
    @POST
    @Path("/reindex")
    public Response reindex() {
        BackgroundJobs.Status status = reindex.start();
        return Response.accepted(status)
                .location(java.net.URI.create("/api/jobs/" + status.id()))
                .build();
    }

    /**
     * The request Kaiko sends to the engine for these search parameters (same as GET /api/search): index path, URL
     * parameters, JSON body. For benchmarks that compare the API with the engine answering the same request
     * (bench/SearchLoad.java); it runs the search once. Only the first request: a zero-hit query's relaxation or
     * spelling suggestion sends more.
     */
    @GET
    @Path("/search/engine-request")
    public TopicSearch.EngineRequest engineRequest(@BeanParam SearchParameters parameters) {
        return search.engineRequest(parameters.toRequest());
    }
}
