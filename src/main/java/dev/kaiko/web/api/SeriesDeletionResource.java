package dev.kaiko.web.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.archive.Curation;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** DELETE /api/series/{name}: a whole series goes (admin). Kept apart from the series listing resource. */
@Path("/api/series")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Curation")
public class SeriesDeletionResource {

    @Inject
    Curation curation;

    @DELETE
    @Path("{name}")
    @AdminOnly
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
