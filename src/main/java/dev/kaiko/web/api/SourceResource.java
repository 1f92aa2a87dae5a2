package dev.kaiko.web.api;

import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kaiko.sources.DuplicateSourceException;
import dev.kaiko.sources.FetchException;
import dev.kaiko.sources.FetchReport;
import dev.kaiko.sources.SourceBusyException;
import dev.kaiko.sources.SourceView;
import dev.kaiko.sources.Sources;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** Followed feeds and blogs: {@code /api/sources}. Admin only, reads included (sources name the team's blogs). */
@Path("/api/sources")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    @Inject
    Sources sources;

    @Inject
    ObjectMapper json;

    /** Follows a URL: {@code ?url=}, or a JSON body {@code {"url": "..."}}. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@RestQuery String url, byte[] body) {
        String target = url;
        if ((target == null || target.isBlank()) && body != null && body.length > 0) {
            try {
                JsonNode node = json.readTree(body);
                target = node.path("url").asText(null);
            } catch (java.io.IOException e) {
                return ApiError.response(
                                400,
                                "The body is not JSON: send {\"url\": \"...\"} or ?url=",
                                Map.of("parameter", "url"))
                        .build();
            }
        }
        if (target == null || target.isBlank()) {
            return ApiError.response(400, "No URL: send ?url= or {\"url\": \"...\"}", Map.of("parameter", "url"))
                    .build();
        }
        try {
            SourceView source = sources.register(target);
            return Response.created(java.net.URI.create("/api/sources/" + source.id()))
                    .entity(source)
                    .build();
        } catch (FetchException e) {
            return ApiError.response(400, e.getMessage(), Map.of("parameter", "url"))
                    .build();
        } catch (DuplicateSourceException e) {
            return ApiError.response(409, e.getMessage(), Map.of("parameter", "url", "id", e.existing()))
                    .build();
        }
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("sources", sources.list());
    }

    @GET
    @Path("/{id}")
    public Response get(@RestPath String id) {
        return sources.get(Ids.parse("id", id)).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
    }

    /** Stops following; what was imported stays. 409 while it is being fetched. */
    @DELETE
    @Path("/{id}")
    public Response delete(@RestPath String id) {
        try {
            return sources.delete(Ids.parse("id", id)) ? Response.noContent().build() : notFound(id);
        } catch (SourceBusyException e) {
            return ApiError.response(409, e.getMessage(), Map.of()).build();
        }
    }

    /**
     * "Fetch now": fetches and answers the report with the source's new state; 409 when it is being fetched right
     * now. {@code ?full=true} walks the whole history again.
     */
    @POST
    @Path("/{id}/fetch")
    public Response fetch(@RestPath String id, @RestQuery boolean full) {
        long sourceId = Ids.parse("id", id);
        try {
            FetchReport report = sources.fetchNow(sourceId, full);
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("fetch", report);
            answer.put("source", sources.get(sourceId).orElse(null));
            return Response.ok(answer).build();
        } catch (NoSuchElementException e) {
            return notFound(id);
        } catch (SourceBusyException e) {
            return ApiError.response(409, e.getMessage(), Map.of()).build();
        }
    }

    private static Response notFound(String id) {
        return ApiError.response(404, "No source " + id, Map.of()).build();
    }
}
