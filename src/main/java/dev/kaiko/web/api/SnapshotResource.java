package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.kaiko.index.IndexSnapshots;
import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** Backups of the search index: snapshots in the engine's snapshot repository, and restoring one. */
@Path("/api/admin/snapshots")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    @Inject
    IndexSnapshots snapshots;

    /** Snapshots the topic index now; answers once the snapshot is complete. */
    @POST
    public Response create() {
        try {
            IndexSnapshots.Snapshot snapshot = snapshots.create();
            return Response.status(Response.Status.CREATED).entity(snapshot).build();
        } catch (IndexSnapshots.SnapshotRefused e) {
            return ApiError.response(409, e.getMessage(), Map.of()).build();
        }
    }

    @GET
    public Response list() {
        try {
            List<IndexSnapshots.Snapshot> all = snapshots.list();
            return Response.ok(Map.of("repository", snapshots.repositoryName(), "snapshots", all))
                    .build();
        } catch (IndexSnapshots.SnapshotRefused e) {
            return ApiError.response(409, e.getMessage(), Map.of()).build();
        }
    }

    /** Starts restoring a snapshot as a job; follow it at GET /api/jobs/{id}. */
    @POST
    @Path("/{name}/restore")
    public Response restore(@PathParam("name") String name) {
        if (!IndexSnapshots.NAME.matcher(name).matches()) {
            return ApiError.response(400, "Not a snapshot name", Map.of("parameter", "name"))
                    .build();
        }
        try {
            BackgroundJobs.Status status = snapshots.restore(name);
            return Response.accepted(status)
                    .location(java.net.URI.create("/api/jobs/" + status.id()))
                    .build();
        } catch (IndexSnapshots.UnknownSnapshot e) {
            return ApiError.response(404, e.getMessage(), Map.of("parameter", "name"))
                    .build();
        } catch (IndexSnapshots.SnapshotRefused e) {
            return ApiError.response(409, e.getMessage(), Map.of("parameter", "name"))
                    .build();
        }
    }
}
