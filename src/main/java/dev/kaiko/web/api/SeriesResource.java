package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.archive.Curation;
import dev.kaiko.search.SeriesCatalog;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/**
 * The series of the archive (one series' issues by year are on its page, /series/{name}), and deleting one (admin).
 * One resource for the path: JAX-RS picks the class with the longest matching path and never tries another.
 */
@Path("/api/series")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Browse")
public class SeriesResource {

    @Inject
    SeriesCatalog catalog;

    @Inject
    Curation curation;

    @GET
    @Operation(summary = "Every series by name, with its issue and topic counts and first and last issue date")
    public List<SeriesCatalog.Series> series() {
        return catalog.all();
    }

    @DELETE
    @Path("{name}")
    @AdminOnly
    @Tag(name = "Curation")
    @Operation(summary = "Deletes every issue of a series (name compared case-insensitively, spaces collapsed)")
    @APIResponse(responseCode = "404", description = "No issue has that series")
    public Response delete(@RestPath String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            return ApiError.response(400, "A series name of 1 to 200 characters", Map.of("parameter", "name"))
                    .build();
        }
        return curation.deleteSeries(name)
                .map(d -> Response.ok(d).build())
                .orElseGet(() -> ApiError.response(404, "No series " + name.strip(), Map.of("parameter", "name"))
                        .build());
    }
}
