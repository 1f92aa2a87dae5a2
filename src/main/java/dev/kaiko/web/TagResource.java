package dev.kaiko.web;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.tagging.TagEditor;
import dev.kaiko.tagging.TechnologyCatalog;
import io.smallrye.common.annotation.Blocking;

/** Technology tags: the catalogue (public), manual edits and re-tagging (admin). */
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

    public record TagList(List<String> tags) {
    }

    @GET
    @Path("/tags")
    public List<TechnologyCatalog.Entry> tags() {
        return catalog.entries();
    }

    /** Sets a topic's tags by hand: {"tags": ["eBPF", "Cilium"]}. They survive re-imports and re-tagging. */
    @PUT
    @Path("/topics/{id}/tags")
    @AdminOnly
    public Response setTags(@RestPath long id, TagList body) {
        if (body == null || body.tags() == null) {
            return ApiError.response(400, "Send {\"tags\": [...]}", Map.of("parameter", "tags")).build();
        }
        if (body.tags().size() > 100 || body.tags().stream().anyMatch(t -> t == null || t.length() > 100)) {
            return ApiError.response(400, "At most 100 tags of at most 100 characters", Map.of("parameter", "tags"))
                    .build();
        }
        return editor.setManualTags(id, body.tags()).map(t -> Response.ok(new TagList(List.copyOf(t))).build())
                .orElseGet(() -> ApiError.response(404, "No topic " + id, Map.of()).build());
    }

    /** Drops the manual edit of a topic's tags. */
    @DELETE
    @Path("/topics/{id}/tags")
    @AdminOnly
    public Response clearTags(@RestPath long id) {
        return editor.clearManualTags(id).map(t -> Response.ok(new TagList(List.copyOf(t))).build())
                .orElseGet(() -> ApiError.response(404, "No topic " + id, Map.of()).build());
    }

    /** Recomputes automatic tags of all topics (after a taxonomy change), as a job. */
    @POST
    @Path("/tags/retag")
    @AdminOnly
    public Response retag() {
        BackgroundJobs.Status status = editor.retagAll();
        return Response.accepted(status).location(java.net.URI.create("/api/jobs/" + status.id())).build();
    }

    @GET
    @Path("/jobs/{id}")
    @AdminOnly
    public Response job(@RestPath String id) {
        return jobs.status(id).map(s -> Response.ok(s).build())
                .orElseGet(() -> ApiError.response(404, "No job " + id, Map.of()).build());
    }
}
