package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.kaiko.index.ZeroDowntimeReindex;
import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** Operations: rebuilding the index from the database without interrupting searches. */
@Path("/api/admin")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ZeroDowntimeReindex reindex;

    /** Starts the rebuild as a job; follow it at GET /api/jobs/{id}. */
    @POST
    @Path("/reindex")
    public Response reindex() {
        BackgroundJobs.Status status = reindex.start();
        return Response.accepted(status)
                .location(java.net.URI.create("/api/jobs/" + status.id()))
                .build();
    }
}
