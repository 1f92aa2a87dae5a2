package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.tagging.TagEditor;
import dev.kaiko.tagging.TechnologyCatalog;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** Technology tags: the catalogue (public) and re-tagging (admin); manual edits are in TopicTagResource. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TagResource {

    @Inject
    TechnologyCatalog catalog;

    @Inject
    TagEditor editor;

    @Inject
    BackgroundJobs jobs;

    @GET
    @Path("/tags")
    public List<TechnologyCatalog.Entry> tags() {
        return catalog.entries();
    }

    /** Recomputes automatic tags of all topics (after a taxonomy change), as a job. */
    @POST
    @Path("/tags/retag")
    @AdminOnly
    public Response retag() {
        BackgroundJobs.Status status = editor.retagAll();
        return Response.accepted(status)
                .location(java.net.URI.create("/api/jobs/" + status.id()))
                .build();
    }

    @GET
    @Path("/jobs/{id}")
    @AdminOnly
    public Response job(@RestPath String id) {
        return jobs.status(id)
                .map(s -> Response.ok(s).build())
                .orElseGet(
                        () -> ApiError.response(404, "No job " + id, Map.of()).build());
    }
}
