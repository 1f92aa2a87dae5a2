package dev.kaiko.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Test application only: the cheapest answers Kaiko's HTTP stack can give (security, metrics and headers included),
 * for {@link SearchBenchmark}'s floor row: what a request costs before any search work, on the event loop and with
 * the hop to a worker thread every blocking endpoint makes.
 */
@Path("/bench/floor")
@Produces(MediaType.APPLICATION_JSON)
public class HttpFloorResource {

    public record Answer(String name, int took) {}

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
}
